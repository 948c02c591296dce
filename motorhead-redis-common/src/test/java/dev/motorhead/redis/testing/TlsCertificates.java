package dev.motorhead.redis.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A throwaway certificate authority and a server certificate for {@code 127.0.0.1} and
 * {@code localhost}, generated with {@code openssl} in a temporary directory, and a PKCS#12
 * trust store holding the CA so clients verify the server for real.
 */
public final class TlsCertificates {
  public static final String TRUST_STORE_PASSWORD = "changeit";

  private final Path dir;

  private TlsCertificates(Path dir) {
    this.dir = dir;
  }

  /** Whether {@code openssl} can be run here. */
  public static boolean opensslAvailable() {
    try {
      return run(Path.of(System.getProperty("java.io.tmpdir")), "openssl", "version");
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  public static TlsCertificates generate() {
    try {
      Path dir = Files.createTempDirectory("motorhead-tls-");
      Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
      require(dir, "openssl", "req", "-x509", "-new", "-nodes", "-newkey", "rsa:2048",
          "-keyout", "ca.key", "-out", "ca.crt", "-days", "2", "-subj", "/CN=motorhead-test-ca");
      require(dir, "openssl", "req", "-new", "-nodes", "-newkey", "rsa:2048",
          "-keyout", "server.key", "-out", "server.csr", "-subj", "/CN=localhost");
      require(dir, "openssl", "x509", "-req", "-in", "server.csr", "-CA", "ca.crt",
          "-CAkey", "ca.key", "-CAcreateserial", "-out", "server.crt", "-days", "2",
          "-extfile", "san.ext");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      try (InputStream in = Files.newInputStream(dir.resolve("ca.crt"))) {
        trust.setCertificateEntry(
            "motorhead-test-ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
      }
      try (OutputStream out = Files.newOutputStream(dir.resolve("truststore.p12"))) {
        trust.store(out, TRUST_STORE_PASSWORD.toCharArray());
      }
      return new TlsCertificates(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The PKCS#12 trust store holding the CA, password {@link #TRUST_STORE_PASSWORD}. */
  public Path trustStore() {
    return dir.resolve("truststore.p12");
  }

  /** An SSL context trusting the CA only. */
  public SSLContext sslContext() {
    try (InputStream in = Files.newInputStream(trustStore())) {
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(in, TRUST_STORE_PASSWORD.toCharArray());
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, tmf.getTrustManagers(), null);
      return context;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  SocketFactory socketFactory() {
    return sslContext().getSocketFactory();
  }

  List<String> serverOptions() {
    return List.of(
        "--tls-cert-file", dir.resolve("server.crt").toString(),
        "--tls-key-file", dir.resolve("server.key").toString(),
        "--tls-ca-cert-file", dir.resolve("ca.crt").toString(),
        "--tls-auth-clients", "no");
  }

  private static void require(Path dir, String... command) {
    if (!run(dir, command)) {
      throw new IllegalStateException("failed: " + String.join(" ", command));
    }
  }

  private static boolean run(Path dir, String... command) {
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
