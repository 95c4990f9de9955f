# One image for every Switchyard role: the gateway (`npm run gateway`), the worker
# (`npm run worker`) and the migration job. The compose file picks the role with the command.
FROM node:20-bookworm-slim
WORKDIR /app
# The image runs against an external Postgres and Temporal: skip the embedded-default tools
# (Temporal CLI) that `npm install`'s postinstall step would otherwise fetch.
ENV SWITCHYARD_INSTALL_EMBEDDED=false
COPY . .
# postinstall generates the Prisma client and builds the admin UI.
RUN npm ci && npm cache clean --force
ENV NODE_ENV=production
# Two malloc arenas instead of one per thread: ~10 MB less gateway RSS (runtime/paths.ts gatewayProcessEnv).
ENV MALLOC_ARENA_MAX=2
EXPOSE 8080
CMD ["npm", "run", "gateway"]
