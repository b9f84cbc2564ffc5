# The register's API service: `npm start` runs the server compiled at build time (dist/server.mjs).
FROM node:20-bookworm-slim

ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4000 \
    DATA_DIR=/data

WORKDIR /app

# Runtime dependencies only (the benchmarks' devDependencies need a compiler). Prebuilt better-sqlite3
# binaries exist for this image; no compiler is needed.
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# The top-level layout is fixed (see DESIGN.md): only what the service runs is copied,
# so the host's node_modules never overwrites the one installed above.
COPY tsconfig.json ./
COPY schema ./schema
COPY services ./services
COPY projections ./projections
# Compiled now, so a start only checks the build is current (services/start/build-server.mjs).
RUN node services/start/build-server.mjs

RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 4000

# Readiness, not liveness: /ready fails while the read model cannot follow the log (the store
# away, the projection runner stopped), where /health would still answer 200.
HEALTHCHECK --interval=10s --timeout=5s --start-period=120s --retries=6 \
  CMD node -e "fetch('http://127.0.0.1:' + (process.env.PORT || 4000) + '/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"

CMD ["npm", "start"]
