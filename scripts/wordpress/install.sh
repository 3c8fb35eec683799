#!/usr/bin/env bash
# Installs what `npm run test:wordpress` needs (as root; CI runs it from .ci/run): PHP, MariaDB,
# PHPUnit and zip from Debian, and WordPress itself from Debian's `wordpress` package, unpacked
# (not installed: that would pull in Apache) into $CONVEX_CHAT_WP_HOME with its links to other
# Debian packages dereferenced. Quick and silent when everything is already there.
set -euo pipefail
WP_HOME_DIR="${CONVEX_CHAT_WP_HOME:-/opt/convex-chat-wordpress}"
WP_PACKAGES=(wordpress libjs-underscore libjs-cropper php-getid3 wordpress-theme-twentytwentythree)

missing=()
command -v php >/dev/null || missing+=(php-cli)
php -m 2>/dev/null | grep -qx mysqli || missing+=(php-mysql)
command -v mariadbd >/dev/null || missing+=(mariadb-server)
command -v phpunit >/dev/null || missing+=(phpunit)
command -v zip >/dev/null || missing+=(zip)
if [ ! -f "$WP_HOME_DIR/wordpress/wp-settings.php" ] || [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq
fi
if [ ${#missing[@]} -gt 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ ! -f "$WP_HOME_DIR/wordpress/wp-settings.php" ]; then
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && apt-get download -qq "${WP_PACKAGES[@]}" 2>/dev/null)
  for deb in "$work"/*.deb; do dpkg -x "$deb" "$work/root"; done
  find "$work/root" -xtype l -delete # links to /etc/wordpress (Debian's own config)
  mkdir -p "$WP_HOME_DIR"
  rm -rf "$WP_HOME_DIR/wordpress.new"
  # -L: Debian links ~24 files to the packages above; the copy holds the files themselves.
  cp -rL "$work/root/usr/share/wordpress" "$WP_HOME_DIR/wordpress.new"
  rm -f "$WP_HOME_DIR/wordpress.new/wp-config.php" # Debian's reads /etc/wordpress; the boot writes its own
  mkdir -p "$WP_HOME_DIR/wordpress.new/wp-content/plugins" "$WP_HOME_DIR/wordpress.new/wp-content/uploads"
  mv "$WP_HOME_DIR/wordpress.new" "$WP_HOME_DIR/wordpress"
fi
echo "WordPress $(sed -n "s/^\$wp_version = '\(.*\)';/\1/p" "$WP_HOME_DIR/wordpress/wp-includes/version.php") in $WP_HOME_DIR/wordpress; $(php -r 'echo "PHP ", PHP_VERSION;'); $(mariadbd --version | grep -o 'Ver [^ ]*')"
