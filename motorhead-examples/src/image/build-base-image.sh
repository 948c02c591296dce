#!/usr/bin/env bash
# Builds the server image's base without a Docker daemon or registry: a minimal Debian 12
# (bookworm) root file system from Debian's own packages (debootstrap), with Debian's Java 17
# runtime (openjdk-17-jre-headless) and a non-root user, saved as a docker-archive tarball
# (the format `docker save` writes) that Jib's `tar://` base image accepts.
#
#   build-base-image.sh OUT.tar [MIRROR]
#
# Needs root (debootstrap, chroot) and debootstrap installed (`apt-get install debootstrap`).
# Reuses OUT.tar when it exists: delete it to rebuild. Takes a few minutes and ~250 MB.
set -euo pipefail

out=${1:?usage: build-base-image.sh OUT.tar [MIRROR]}
mirror=${2:-http://deb.debian.org/debian}
if [[ -s "$out" ]]; then
  echo "base image: reusing $out"
  exit 0
fi
command -v debootstrap >/dev/null || { echo "debootstrap is not installed" >&2; exit 1; }

work=$(mktemp -d)
root="$work/rootfs"
cleanup() {
  umount "$root/proc" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

debootstrap --variant=minbase bookworm "$root" "$mirror" >"$work/debootstrap.log" 2>&1 \
  || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
mount -t proc proc "$root/proc"
chroot "$root" /usr/bin/env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -qq --no-install-recommends openjdk-17-jre-headless ca-certificates \
  >"$work/apt.log" 2>&1 || { tail -20 "$work/apt.log" >&2; exit 1; }
umount "$root/proc"
# The user the server runs as: no login, no home directory to write to.
chroot "$root" /usr/sbin/groupadd --gid 10001 motorhead
chroot "$root" /usr/sbin/useradd --uid 10001 --gid 10001 --no-create-home \
  --home-dir /nonexistent --shell /usr/sbin/nologin motorhead
# What a runtime image does not need.
chroot "$root" apt-get clean
rm -rf "$root"/var/lib/apt/lists/* "$root"/usr/share/doc/* "$root"/usr/share/man/* \
  "$root"/usr/share/info/* "$root"/var/log/* "$root"/var/cache/debconf/*-old

# One layer, its config and a manifest: the docker-archive layout.
image="$work/image"
mkdir -p "$image"
tar --numeric-owner --xattrs -C "$root" -cf "$image/layer.tar" .
layer_sha=$(sha256sum "$image/layer.tar" | cut -d' ' -f1)
mkdir "$image/$layer_sha"
mv "$image/layer.tar" "$image/$layer_sha/layer.tar"
java_home=/usr/lib/jvm/java-17-openjdk-amd64
cat >"$image/config.json" <<JSON
{"architecture":"amd64","os":"linux",
 "config":{"Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin","JAVA_HOME=$java_home","LANG=C.UTF-8"]},
 "rootfs":{"type":"layers","diff_ids":["sha256:$layer_sha"]},
 "history":[{"created_by":"debootstrap --variant=minbase bookworm; apt-get install openjdk-17-jre-headless ca-certificates; useradd motorhead (uid 10001)"}]}
JSON
config_sha=$(sha256sum "$image/config.json" | cut -d' ' -f1)
mv "$image/config.json" "$image/$config_sha.json"
cat >"$image/manifest.json" <<JSON
[{"Config":"$config_sha.json","RepoTags":["motorhead/debian-jre17:base"],"Layers":["$layer_sha/layer.tar"]}]
JSON
mkdir -p "$(dirname "$out")"
# named entries only, no "./": Jib refuses archive entries that could point outside its target
tar -C "$image" -cf "$out.tmp" manifest.json "$config_sha.json" "$layer_sha/layer.tar"
mv "$out.tmp" "$out"
echo "base image: $out ($(du -h "$out" | cut -f1))"
