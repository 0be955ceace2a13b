# mailsandbox as a docker-compose service, built from the compiled package with production
# dependencies only. Its steps live in scripts/image-steps.sh; .ci/run mirrors this image
# (test/image.test.ts) by running those steps and then the ENV, USER, HEALTHCHECK and CMD below,
# which it reads from this file: change them here and the mirror follows.

# The build needs the dev dependencies (tsc, vite); the runtime image gets none of them.
FROM node:20-bookworm-slim AS build
WORKDIR /src
# Dependencies first, so a change to the sources doesn't download them again.
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY . .
# The UI to ui/dist/, the server to dist/ (what `prepare` does on npm install), then the tarball.
RUN npm run build && scripts/image-steps.sh pack /pkg

# The smallest official Node 20 image; every runtime dependency is plain JavaScript.
FROM node:20-alpine
COPY --from=build /src/scripts/image-steps.sh /pkg/mailsandbox.tgz /tmp/image/
RUN /tmp/image/image-steps.sh install /tmp/image/mailsandbox.tgz /usr/local \
 && rm -rf /tmp/image /root/.npm
# `::` is dual-stack: the listeners take IPv4 and IPv6 connections alike.
ENV MAILSANDBOX_HOST=:: NODE_ENV=production
# SMTP, HTTP (UI and API), POP3, IMAP; then SMTPS, IMAPS and POP3S, which are off until you set
# MAILSANDBOX_SMTPS_PORT=1465 etc. and TLS (see docker-compose.example.yml).
EXPOSE 1025 8025 1110 1143 1465 1993 1995
USER node
WORKDIR /home/node
HEALTHCHECK --interval=10s --timeout=5s --start-period=10s --retries=3 CMD ["mailsandbox", "healthcheck"]
# docker stop sends SIGTERM: the listeners close, open sessions are told, and the process exits 0.
STOPSIGNAL SIGTERM
CMD ["mailsandbox"]
