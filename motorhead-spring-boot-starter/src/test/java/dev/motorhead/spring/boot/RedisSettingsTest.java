package dev.motorhead.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.RedisCredentials;
import io.lettuce.core.RedisURI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Which Redis the properties name, read without connecting. */
class RedisSettingsTest {
  private final MotorheadProperties properties = new MotorheadProperties();

  private static RedisCredentials credentials(RedisURI uri) {
    return uri.getCredentialsProvider().resolveCredentials().block();
  }

  @Test
  void motorheadRedisUrlWinsOverSpringDataRedis() {
    properties.getRedis().setUrl("rediss://ada:secret@cache.example:6380/2");
    MockEnvironment env = new MockEnvironment().withProperty("spring.data.redis.host", "other");

    RedisSettings s = RedisSettings.resolve(properties, env);

    RedisURI uri = s.uris().get(0);
    assertThat(uri.getHost()).isEqualTo("cache.example");
    assertThat(uri.isSsl()).isTrue();
    assertThat(uri.getDatabase()).isEqualTo(2);
    assertThat(s.cluster()).isFalse();
    assertThat(s.describe()).isEqualTo("Redis rediss://cache.example:6380 (from motorhead.redis.url)")
        .doesNotContain("secret");
  }

  @Test
  void springDataRedisGivesHostPortCredentialsDatabaseAndSsl() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("spring.data.redis.host", "redis.internal")
        .withProperty("spring.data.redis.port", "6390")
        .withProperty("spring.data.redis.username", "app")
        .withProperty("spring.data.redis.password", "pw")
        .withProperty("spring.data.redis.database", "3")
        .withProperty("spring.data.redis.ssl.enabled", "true")
        .withProperty("spring.data.redis.client-name", "orders");

    assertThat(RedisSettings.configured(env)).isTrue();
    RedisURI uri = RedisSettings.resolve(properties, env).uris().get(0);

    assertThat(uri.getHost()).isEqualTo("redis.internal");
    assertThat(uri.getPort()).isEqualTo(6390);
    assertThat(credentials(uri).getUsername()).isEqualTo("app");
    assertThat(new String(credentials(uri).getPassword())).isEqualTo("pw");
    assertThat(uri.getDatabase()).isEqualTo(3);
    assertThat(uri.isSsl()).isTrue();
    assertThat(uri.getClientName()).isEqualTo("orders");
  }

  @Test
  void springDataRedisClusterNodesGiveAClusterWithTheirCredentials() {
    MockEnvironment env = new MockEnvironment()
        .withProperty("spring.data.redis.cluster.nodes", "10.0.0.1:7000, 10.0.0.2:7001")
        .withProperty("spring.data.redis.password", "pw");

    RedisSettings s = RedisSettings.resolve(properties, env);

    assertThat(s.cluster()).isTrue();
    assertThat(s.uris()).extracting(RedisURI::getPort).containsExactly(7000, 7001);
    assertThat(s.uris()).allSatisfy(u -> assertThat(new String(credentials(u).getPassword())).isEqualTo("pw"));
  }

  @Test
  void nothingConfiguredMeansNoRedis() {
    assertThat(RedisSettings.configured(new MockEnvironment())).isFalse();
    assertThatThrownBy(() -> RedisSettings.resolve(properties, new MockEnvironment()))
        .hasMessageContaining("motorhead.store=redis needs");
  }

  @Test
  void unusableValuesAreRejectedNamingThePropertyAndNeverThePassword() {
    properties.getRedis().setUrl("http://user:hunter2@host");
    assertThatThrownBy(() -> RedisSettings.resolve(properties, new MockEnvironment()))
        .hasMessageContaining("motorhead.redis.url").hasMessageNotContaining("hunter2");

    MotorheadProperties fresh = new MotorheadProperties();
    assertThatThrownBy(() -> RedisSettings.resolve(fresh, new MockEnvironment()
            .withProperty("spring.data.redis.cluster.nodes", "no-port")))
        .hasMessageContaining("spring.data.redis.cluster.nodes");
    assertThatThrownBy(() -> RedisSettings.resolve(fresh, new MockEnvironment()
            .withProperty("spring.data.redis.port", "abc")))
        .hasMessageContaining("spring.data.redis.port");
    assertThatThrownBy(() -> RedisSettings.resolve(fresh, new MockEnvironment()
            .withProperty("spring.data.redis.host", "h")
            .withProperty("spring.data.redis.sentinel.master", "mymaster")))
        .hasMessageContaining("spring.data.redis.sentinel is not supported");
  }
}
