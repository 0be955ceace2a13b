# mailsandbox as a docker-compose service: every listener on 0.0.0.0 inside the container.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY . .
# npm ci runs `prepare`, which builds the UI; dev dependencies are dropped afterwards.
RUN npm ci --no-audit --no-fund && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
COPY --from=build /app/package.json /app/package-lock.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/bin ./bin
COPY --from=build /app/server ./server
COPY --from=build /app/ui/dist ./ui/dist
ENV MAILSANDBOX_HOST=0.0.0.0 NODE_ENV=production
EXPOSE 1025 8025 1110 1143
USER node
HEALTHCHECK --interval=10s --timeout=3s CMD node -e "fetch('http://127.0.0.1:'+(process.env.MAILSANDBOX_HTTP_PORT||8025)+'/api/v1/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "bin/mailsandbox.js"]
