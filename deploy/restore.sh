#!/usr/bin/env bash
# Restores a pair written by deploy/backup.sh: the database dump and the media archive.
#
#   deploy/restore.sh [--env-file /etc/principles/env] [--force] <dump> <media.tar.gz>
#
# DATABASE_URL (postgres://...) names the database to restore into. It must exist and
# be EMPTY (no table or view in schema public): restore never mixes two sites' data.
# For a fresh one, as the PostgreSQL superuser:  createdb -O <site user> <name>
# MEDIA_ROOT is the folder the uploads are unpacked into. It must be empty or missing,
# unless --force is given: then the archive is unpacked over what is there (files with
# the same name are replaced, others are left).
# Nothing is changed until both archives have been read through and both targets
# checked; the database is restored in one transaction, so a failure leaves it empty.
set -euo pipefail

usage() {
  echo "usage: $0 [--env-file FILE] [--force] <principles-TIME.dump> <media-TIME.tar.gz>" >&2
  exit 2
}

force=0
args=()
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
    --force) force=1; shift ;;
    -*) usage ;;
    *) args+=("$1"); shift ;;
  esac
done
[ ${#args[@]} -eq 2 ] || usage
dump="${args[0]}"
media="${args[1]}"

fail() { echo "restore: $*" >&2; exit 1; }

: "${DATABASE_URL:?restore: DATABASE_URL must be set (postgres://...)}"
: "${MEDIA_ROOT:?restore: MEDIA_ROOT must be set}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) fail "DATABASE_URL is not a PostgreSQL URL (postgres://...)" ;;
esac
database="${DATABASE_URL##*/}"
database="${database%%\?*}"

# 1. Both archives are whole and readable.
[ -f "$dump" ] || fail "no such dump: $dump"
[ -f "$media" ] || fail "no such media archive: $media"
pg_restore --list "$dump" >/dev/null || fail "$dump is not a readable pg_dump archive"
tar -tzf "$media" >/dev/null || fail "$media is not a readable .tar.gz archive"

# 2. The database exists and is empty.
psql=(psql --no-psqlrc --no-password --quiet --tuples-only --no-align --dbname="$DATABASE_URL")
tables="$("${psql[@]}" -c "
  SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'f')")" ||
  fail "cannot open database $database (does it exist? createdb -O <site user> $database)"
if [ "$tables" != "0" ]; then
  fail "database $database is not empty ($tables tables in schema public); nothing changed.
Restore only into an empty database: stop the site, then as the PostgreSQL superuser
  dropdb $database && createdb -O <site user> $database"
fi

# 3. The media folder is empty, or --force says to unpack over it.
if [ -d "$MEDIA_ROOT" ] && [ -n "$(ls -A "$MEDIA_ROOT")" ] && [ "$force" != 1 ]; then
  fail "MEDIA_ROOT $MEDIA_ROOT is not empty; nothing changed.
Empty it (or move it aside), or pass --force to unpack over the files that are there."
fi

# 4. Restore. No owner or grants from the old server: the user in DATABASE_URL owns it all.
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --no-password \
  --dbname="$DATABASE_URL" "$dump"
# pg_restore brings rows, not the planner's statistics: gather them before the first visitor.
# (Quietly: as the site's user, ANALYZE warns about each shared system table it may not read.)
"${psql[@]}" -c "SET client_min_messages TO error" -c "ANALYZE"
echo "restore: database $database restored from $dump"

mkdir -p "$MEDIA_ROOT"
tar -xzf "$media" -C "$MEDIA_ROOT" --no-same-owner
echo "restore: media restored into $MEDIA_ROOT from $media"

cat <<EOF

Next steps:
  1. If this code is newer than the backup:  .venv/bin/python manage.py migrate --noinput
  2. Restart gunicorn: each worker caches pages from before the restore in its memory.
  3. Open /en/, /es/ and /admin/ and check a recent page and an image.
The search index and the "did you mean" words are tables in the database and came back
with it: no update_index or rebuild_search_vocabulary is needed.
EOF
