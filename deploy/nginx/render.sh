#!/bin/sh
# Prints deploy/nginx/principles.conf with its placeholders filled in.
#
#   SERVER_NAME=library.example.org deploy/nginx/render.sh > /etc/nginx/sites-available/principles
#
# Only SERVER_NAME is required; every other value has the default the runbook
# (deploy/README.md) sets up. tests/test_deploy_stack.py renders the same template
# for loopback with LISTEN_ADDRESS=127.0.0.1 and ports, paths and a certificate of its own.
set -eu

: "${SERVER_NAME:?set SERVER_NAME to the site's domain name, e.g. library.example.org}"
HTTP_PORT=${HTTP_PORT:-80}
HTTPS_PORT=${HTTPS_PORT:-443}
# Empty: every address, IPv4 and IPv6. An address (127.0.0.1): that address only.
LISTEN_ADDRESS=${LISTEN_ADDRESS:-}
APP_SOCKET=${APP_SOCKET:-/run/principles/gunicorn.sock}
STATIC_ROOT=${STATIC_ROOT:-/srv/principles/static}
MEDIA_ROOT=${MEDIA_ROOT:-/srv/principles/media}
ACME_ROOT=${ACME_ROOT:-/var/www/letsencrypt}
ACCESS_LOG=${ACCESS_LOG:-/var/log/nginx/principles.access.log}
# The first name in SERVER_NAME is the one certbot names the certificate after.
first_name=${SERVER_NAME%% *}
CERT=${CERT:-/etc/letsencrypt/live/$first_name/fullchain.pem}
KEY=${KEY:-/etc/letsencrypt/live/$first_name/privkey.pem}

if [ -n "$LISTEN_ADDRESS" ]; then
    http_listen="$LISTEN_ADDRESS:$HTTP_PORT"
    https_listen="$LISTEN_ADDRESS:$HTTPS_PORT"
    drop_ipv6='/listen \[::\]/d'
else
    http_listen=$HTTP_PORT
    https_listen=$HTTPS_PORT
    drop_ipv6=''
fi
# Redirects name the port only when it is not HTTPS's own.
if [ "$HTTPS_PORT" = 443 ]; then port_suffix=''; else port_suffix=":$HTTPS_PORT"; fi

template="$(dirname "$0")/principles.conf"
# "|" separates sed's fields: it does not occur in paths or host names.
output=$(sed -e "$drop_ipv6" \
    -e "s|{{SERVER_NAME}}|$SERVER_NAME|g" \
    -e "s|{{HTTP_LISTEN}}|$http_listen|g" \
    -e "s|{{HTTPS_LISTEN}}|$https_listen|g" \
    -e "s|{{HTTP_PORT}}|$HTTP_PORT|g" \
    -e "s|{{HTTPS_PORT}}|$HTTPS_PORT|g" \
    -e "s|{{HTTPS_PORT_SUFFIX}}|$port_suffix|g" \
    -e "s|{{APP_SOCKET}}|$APP_SOCKET|g" \
    -e "s|{{STATIC_ROOT}}|${STATIC_ROOT%/}|g" \
    -e "s|{{MEDIA_ROOT}}|${MEDIA_ROOT%/}|g" \
    -e "s|{{ACME_ROOT}}|$ACME_ROOT|g" \
    -e "s|{{ACCESS_LOG}}|$ACCESS_LOG|g" \
    -e "s|{{CERT}}|$CERT|g" \
    -e "s|{{KEY}}|$KEY|g" \
    "$template")
case $output in
*"{{"*)
    echo "render.sh: the template has a placeholder this script does not fill" >&2
    exit 1
    ;;
esac
printf '%s\n' "$output"
