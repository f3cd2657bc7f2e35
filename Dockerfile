# syntax=docker/dockerfile:1
# Opastin's container image (issue 13): built from the repository, runs compiled JavaScript as a
# non-root user, and reports liveness to the container runtime. See docs/operations.md.
#   docker build -t opastin .
#   docker compose up        (with PostgreSQL 15: compose.yaml)

# --- build: install everything, build the web apps (with .br/.gz files) and compile the server
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

# --- run: only the compiled output, the production dependencies and the demo catalogue
FROM node:22-bookworm-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    DATA_DIR=/data \
    JOBS=on
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/fixtures/ptv-2017-vaasa-naantali ./fixtures/ptv-2017-vaasa-naantali
# the embedded database's folder (used only without DATABASE_URL) belongs to the app's user;
# everything else is read-only to it
RUN mkdir -p /data && chown node:node /data
USER node
EXPOSE 3000
VOLUME ["/data"]
# liveness: the process answers (readiness, which includes the database, is /health/ready)
HEALTHCHECK --interval=15s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/health/live').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM drains requests and jobs (src/server/main.ts); give it up to 30 s before SIGKILL
STOPSIGNAL SIGTERM
CMD ["node", "--enable-source-maps", "dist/server/main.js"]
