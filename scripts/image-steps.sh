#!/bin/sh
# The image's steps, in one place: the Dockerfile RUNs them, and .ci/run's mirror of the image
# (test/image.test.ts) runs the same two, then starts the result as the Dockerfile's ENV, USER,
# HEALTHCHECK and CMD say (it reads them from the Dockerfile).
#
#   image-steps.sh pack <dir>                  the package as npm publishes it, from a built tree (npm ci
#                                              builds it through `prepare`), written to <dir>/mailsandbox.tgz
#   image-steps.sh install <tarball> <prefix>  that tarball with production dependencies only, installed
#                                              as a global package: the `mailsandbox` command is <prefix>/bin/mailsandbox;
#                                              no install script runs (none of them needs one)
set -eu

case "${1:-}" in
  pack)
    [ -f dist/app.js ] && [ -f ui/dist/index.html ] || { echo "image-steps.sh pack: build first (npm ci or npm run build)" >&2; exit 1; }
    mkdir -p "$2"
    rm -f "$2"/mailsandbox-*.tgz
    npm pack --ignore-scripts --silent --pack-destination "$2" >/dev/null
    mv "$2"/mailsandbox-*.tgz "$2/mailsandbox.tgz"
    ;;
  install)
    npm install --global --prefix "$3" --omit=dev --ignore-scripts --prefer-offline --no-audit --no-fund --no-update-notifier "$2"
    ;;
  *)
    echo "usage: image-steps.sh pack <dir> | install <tarball> <prefix>" >&2
    exit 2
    ;;
esac
