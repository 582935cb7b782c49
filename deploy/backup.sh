#!/usr/bin/env bash
# Backs up the library: the PostgreSQL database and the uploaded media, as one pair.
#
#   deploy/backup.sh [--env-file /etc/principles/env]
#
# Reads from the environment (or from the env file, the one systemd's EnvironmentFile=
# reads: plain KEY=value lines):
#   DATABASE_URL  postgres://user[:password]@host:port/name   (required)
#   MEDIA_ROOT    the folder of uploaded images and documents  (required)
#   BACKUP_DIR    where the pair is written                    (required)
#   BACKUP_KEEP   how many pairs to keep, newest first          (default 14)
#
# Writes $BACKUP_DIR/principles-<UTC time>.dump (pg_dump's custom format, for
# pg_restore) and $BACKUP_DIR/media-<same time>.tar.gz, each under a temporary name
# first and renamed when complete, so a crash never leaves a file that looks whole.
# Both are readable by their owner only: the dump holds staff accounts and messages.
# Then deletes all but the newest BACKUP_KEEP pairs. Restore with deploy/restore.sh.
set -euo pipefail

usage() { echo "usage: $0 [--env-file FILE]" >&2; exit 2; }

while [ $# -gt 0 ]; do
  case "$1" in
    --env-file)
      [ $# -ge 2 ] || usage
      [ -f "$2" ] || { echo "$0: no such env file: $2" >&2; exit 2; }
      set -a
      # A name without a slash would be looked up in PATH by ".": read it from here.
      # shellcheck disable=SC1090
      case "$2" in */*) . "$2" ;; *) . "./$2" ;; esac
      set +a
      shift 2
      ;;
    *) usage ;;
  esac
done

fail() { echo "backup: $*" >&2; exit 1; }

: "${DATABASE_URL:?backup: DATABASE_URL must be set (postgres://...)}"
: "${MEDIA_ROOT:?backup: MEDIA_ROOT must be set}"
: "${BACKUP_DIR:?backup: BACKUP_DIR must be set}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"

case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) fail "DATABASE_URL is not a PostgreSQL URL (postgres://...); nothing written" ;;
esac
[[ "$BACKUP_KEEP" =~ ^[1-9][0-9]*$ ]] || fail "BACKUP_KEEP must be a whole number, 1 or more"
# A missing media folder is more likely a wrong MEDIA_ROOT than a site with no uploads:
# say so rather than back up nothing every night.
[ -d "$MEDIA_ROOT" ] || fail "MEDIA_ROOT $MEDIA_ROOT is not a folder"

umask 077
mkdir -p "$BACKUP_DIR"

stamp="$(date -u +%Y%m%dT%H%M%SZ)"
dump="$BACKUP_DIR/principles-$stamp.dump"
media="$BACKUP_DIR/media-$stamp.tar.gz"
# Two runs in the same second would overwrite a finished pair: refuse instead.
if [ -e "$dump" ] || [ -e "$media" ]; then
  fail "a backup named $stamp already exists in $BACKUP_DIR; run again in a second"
fi

partial_dump="$BACKUP_DIR/.principles-$stamp.dump.partial"
partial_media="$BACKUP_DIR/.media-$stamp.tar.gz.partial"
# Whatever happens, no partial file is left behind for the next run to mistake.
trap 'rm -f "$partial_dump" "$partial_media"' EXIT

pg_dump --format=custom --no-password --dbname="$DATABASE_URL" --file="$partial_dump"
tar -czf "$partial_media" -C "$MEDIA_ROOT" .
chmod 600 "$partial_dump" "$partial_media"
mv "$partial_dump" "$dump"
mv "$partial_media" "$media"

echo "backup: wrote $dump ($(du -h "$dump" | cut -f1))"
echo "backup: wrote $media ($(du -h "$media" | cut -f1))"

# Rotation: the timestamps sort as text, newest last. A timestamp counts as one pair
# whether one or both of its files are there.
mapfile -t stamps < <(
  find "$BACKUP_DIR" -maxdepth 1 -type f \
    \( -name 'principles-*.dump' -o -name 'media-*.tar.gz' \) -printf '%f\n' |
    sed -E 's/^(principles|media)-(.*)\.(dump|tar\.gz)$/\2/' | sort -u
)
old=$((${#stamps[@]} - BACKUP_KEEP))
for ((i = 0; i < old; i++)); do
  for file in "$BACKUP_DIR/principles-${stamps[i]}.dump" "$BACKUP_DIR/media-${stamps[i]}.tar.gz"; do
    if [ -e "$file" ]; then
      rm -f "$file"
      echo "backup: deleted $file (keeping the newest $BACKUP_KEEP)"
    fi
  done
done
