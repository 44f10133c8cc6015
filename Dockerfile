# syntax=docker/dockerfile:1
# Mirrors CI: `npm ci` from the lock file (its postinstall generates the Prisma client),
# then the same TypeScript sources run under tsx. Migrations are a release step:
#   docker compose run --rm migrate

########## deps: full install, generates src/generated/prisma ##########
FROM node:20-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund

########## runtime: production dependencies only, non-root ##########
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --chown=node:node prisma ./prisma
COPY --chown=node:node src ./src
COPY --chown=node:node --from=deps /app/src/generated ./src/generated
COPY --chown=node:node tsconfig.json ./
# Don't run production as root.
USER node
ENV PORT=3000 DATA_DIR=/app/.data
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
CMD ["node", "--import", "tsx", "src/main.ts", "all"]
