import type { JobDeps } from './job-deps.js';

/** A delivery with what a DM about it needs: its cycle, team and workspace. */
export function loadDelivery(deps: Pick<JobDeps, 'prisma'>, deliveryId: string) {
  return deps.prisma.delivery.findUnique({
    where: { id: deliveryId },
    include: { cycle: { include: { team: { include: { workspace: true } } } } },
  });
}

export type LoadedDelivery = NonNullable<Awaited<ReturnType<typeof loadDelivery>>>;

/** The input of the invitation and reminder DMs, in the member's own time zone. */
export function checkinMessageInput(delivery: LoadedDelivery) {
  const { cycle } = delivery;
  return {
    cycleId: cycle.id,
    teamName: cycle.team.name,
    closesAt: cycle.closesAt,
    timezone: delivery.timezone ?? cycle.team.timezone,
    itemCount: cycle.itemIds.length,
    k: cycle.minRespondents,
  };
}
