#!/bin/sh
# Installs (or upgrades) a published Switchboard on this Debian 12 machine, as docs/deploy.md
# explains step by step. Run as root from the repository, after `dotnet publish` (README, "Publishing"):
#   deploy/install.sh out/switchboard
# With ROOT=/some/folder it writes everything under that folder instead of / and leaves out what
# needs the real machine (the service user, file owners, systemctl, nginx): the tests do that.
set -eu

published=${1:?"usage: deploy/install.sh PUBLISHED_FOLDER (the folder dotnet publish wrote)"}
here=$(cd "$(dirname "$0")" && pwd)
ROOT=${ROOT:-}
on_machine() { [ -z "$ROOT" ]; }

if [ ! -f "$published/Switchboard.dll" ] || [ ! -x "$published/Switchboard" ]; then
  echo "install.sh: $published holds no published Switchboard (Switchboard.dll and the Switchboard launcher); run dotnet publish first" >&2
  exit 2
fi

# 1. The service's own user and group, without a login. Kamailio joins the group to read the
#    SQLite database (kamailio-switchboard.service: SupplementaryGroups=switchboard).
if on_machine && ! getent passwd switchboard >/dev/null; then
  useradd --system --user-group --home-dir /var/lib/switchboard --no-create-home --shell /usr/sbin/nologin switchboard
fi

# 2. The program in /opt/switchboard, owned by root: the service cannot change its own code. The
#    previous version stays in /opt/switchboard.previous until the next upgrade.
mkdir -p "$ROOT/opt"
rm -rf "$ROOT/opt/switchboard.new" "$ROOT/opt/switchboard.previous"
cp -R "$published" "$ROOT/opt/switchboard.new"
chmod -R u=rwX,go=rX "$ROOT/opt/switchboard.new"
if [ -d "$ROOT/opt/switchboard" ]; then mv "$ROOT/opt/switchboard" "$ROOT/opt/switchboard.previous"; fi
mv "$ROOT/opt/switchboard.new" "$ROOT/opt/switchboard"
if on_machine; then chown -R root:root /opt/switchboard; fi

# 3. Settings in /etc/switchboard: the service's environment file (made once, never overwritten;
#    it may hold a database password, so only root and the service read it) and Kamailio's configuration.
install -d -m 0750 "$ROOT/etc/switchboard"
if [ ! -e "$ROOT/etc/switchboard/switchboard.env" ]; then
  install -m 0640 "$here/switchboard.env" "$ROOT/etc/switchboard/switchboard.env"
fi
install -m 0644 "$here/kamailio/kamailio.cfg" "$ROOT/etc/switchboard/kamailio.cfg"
if on_machine; then chgrp switchboard /etc/switchboard /etc/switchboard/switchboard.env; fi

# 4. The systemd units. The database and the secrets key live in /var/lib/switchboard, which
#    systemd makes for the service (StateDirectory=switchboard).
install -d "$ROOT/etc/systemd/system"
install -m 0644 "$here/systemd/switchboard.service" "$here/systemd/kamailio-switchboard.service" "$ROOT/etc/systemd/system/"

# 5. nginx's site (made once, never overwritten: it holds your server name and certificate paths).
install -d "$ROOT/etc/nginx/sites-available" "$ROOT/etc/nginx/sites-enabled"
if [ ! -e "$ROOT/etc/nginx/sites-available/switchboard.conf" ]; then
  install -m 0644 "$here/nginx/switchboard.conf" "$ROOT/etc/nginx/sites-available/switchboard.conf"
fi
ln -sfn ../sites-available/switchboard.conf "$ROOT/etc/nginx/sites-enabled/switchboard.conf"
# Debian's default site would answer on port 80 as well.
rm -f "$ROOT/etc/nginx/sites-enabled/default"

# 6. Start (or restart onto the new version), and reload nginx once its certificate is in place.
if on_machine; then
  systemctl daemon-reload
  systemctl enable switchboard
  systemctl restart switchboard
  if [ -e /etc/ssl/switchboard/fullchain.pem ] && [ -e /etc/ssl/switchboard/privkey.pem ]; then
    nginx -t && systemctl reload nginx
  else
    echo "Next: put the certificate in /etc/ssl/switchboard/ (fullchain.pem, privkey.pem), set server_name in"
    echo "/etc/nginx/sites-available/switchboard.conf, then: nginx -t && systemctl reload nginx"
  fi
fi
echo "Switchboard installed in $ROOT/opt/switchboard"
