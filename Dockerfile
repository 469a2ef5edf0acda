# syntax=docker/dockerfile:1
# Sprechstunde: one image for every town (configuration by environment, the directory file mounted).
# The runtime stage holds exactly scripts/image-files.ts' list plus the production node_modules;
# test/packaging/ checks this file against that list and starts what it lists (no container engine
# is needed for the proof). Build: docker build -t sprechstunde .   Run: see compose.yaml.

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No install scripts: nothing the build needs has one (the `node` dev package would fetch a second Node).
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY scripts ./scripts
COPY src ./src
COPY config ./config
RUN node node_modules/typescript/bin/tsc -p tsconfig.build.json \
 && node node_modules/tsx/dist/cli.mjs scripts/copy-assets.ts dist

FROM node:22-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force

FROM node:22-slim
ENV NODE_ENV=production PORT=3978
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
COPY --from=build --chown=node:node /app/dist ./dist
COPY --from=build --chown=node:node /app/config/directory.example.json ./config/directory.example.json
USER node
EXPOSE 3978
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "require('node:http').get('http://127.0.0.1:'+(process.env.PORT||3978)+'/healthz',r=>process.exit(r.statusCode===200?0:1)).on('error',()=>process.exit(1))"]
CMD ["node", "dist/src/main.js"]
