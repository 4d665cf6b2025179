# One image for the API, the worker and the CLI; the command picks the role.
FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/worker/package.json apps/worker/
COPY apps/cli/package.json apps/cli/
COPY packages/config/package.json packages/config/
COPY packages/contracts/package.json packages/contracts/
COPY packages/core/package.json packages/core/
COPY packages/db/package.json packages/db/
COPY packages/queue/package.json packages/queue/
RUN npm ci --omit=dev --no-audit --no-fund
COPY tsconfig.json ./
COPY apps apps
COPY packages packages
USER node
CMD ["npm", "run", "start:api"]
