import { defineConfig } from 'prisma/config';

// Used by the Prisma CLI only (generate, and `migrate deploy` on machines that have
// Prisma's schema engine). The application builds its client from src/config.ts.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres' },
});
