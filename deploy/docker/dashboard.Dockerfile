# syntax=docker/dockerfile:1
# Gatehouse dashboard: the control-plane REST API and the web console (HTTP 3000: /, /api/v1, /health, /metrics).
# Build from the repository root: docker build -f deploy/docker/dashboard.Dockerfile -t gatehouse/dashboard:0.1.0 .
# The final stage holds exactly the tree tools/release/package.sh writes (dist/release/dashboard: the bundle
# and its production node_modules), owned by root and read-only to the app's user. It runs with a
# read-only root filesystem: /tmp is the only place it may write (a volume, or tmpfs in compose/Helm).
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
ENV NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false
COPY package.json package-lock.json .npmrc ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN bash tools/release/package.sh dashboard

FROM ${NODE_IMAGE}
ENV NODE_ENV=production
# Listen on every interface of the container (the apps default to loopback).
ENV GATEHOUSE_DASHBOARD_HTTP_HOST=0.0.0.0
# The web console the package carries (tools/release/package-app.mjs), served at /.
ENV GATEHOUSE_DASHBOARD_CONSOLE_DIR=/app/console
# The health check's address; change it with the port (or to the gateway's control_api_port).
ENV HEALTHCHECK_URL=http://127.0.0.1:3000/health
WORKDIR /app
COPY --from=build /src/dist/release/dashboard/ /app/
# A numeric UID and GID with no entry in /etc/passwd: Kubernetes' runAsNonRoot can check a number only.
USER 10001:10001
VOLUME ["/tmp"]
EXPOSE 3000
# Every app drains and exits on SIGTERM within its shutdown timeout (10 s by default).
STOPSIGNAL SIGTERM
# No curl in a slim image: Node's own fetch. 200 means every dependency answered (Redis, MongoDB).
HEALTHCHECK --interval=10s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch(process.env.HEALTHCHECK_URL).then((r) => process.exit(r.status === 200 ? 0 : 1), () => process.exit(1))"]
CMD ["node", "main.js"]
