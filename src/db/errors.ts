/**
 * Whether a database error is a unique-constraint violation, through Prisma (P2002) or
 * straight from the driver (SQLSTATE 23505), on PostgreSQL and PGlite alike.
 */
export function isUniqueViolation(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: { code?: string } };
  return e.code === 'P2002' || e.cause?.code === '23505' || /unique constraint/i.test(e.message ?? '');
}
