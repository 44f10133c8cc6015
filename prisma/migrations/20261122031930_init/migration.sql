-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Cadence" AS ENUM ('weekly', 'biweekly', 'monthly');

-- CreateEnum
CREATE TYPE "TeamSource" AS ENUM ('channel', 'usergroup');

-- CreateEnum
CREATE TYPE "GroupKind" AS ENUM ('team', 'department', 'pod');

-- CreateEnum
CREATE TYPE "CycleStatus" AS ENUM ('open', 'closed', 'aggregated');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('pending', 'sent', 'failed');

-- CreateEnum
CREATE TYPE "SummaryStatus" AS ENUM ('released', 'suppressed');

-- CreateTable
CREATE TABLE "Installation" (
    "id" UUID NOT NULL,
    "installKey" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "slackTeamId" TEXT,
    "isEnterpriseInstall" BOOLEAN NOT NULL DEFAULT false,
    "appId" TEXT,
    "botUserId" TEXT,
    "botId" TEXT,
    "botScopes" TEXT[],
    "botTokenEnc" TEXT,
    "botRefreshTokenEnc" TEXT,
    "botTokenExpiresAt" TIMESTAMP(3),
    "installerUserId" TEXT,
    "metadata" JSONB,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Installation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Workspace" (
    "id" UUID NOT NULL,
    "slackTeamId" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "name" TEXT,
    "minRespondents" INTEGER NOT NULL DEFAULT 5,
    "defaultCadence" "Cadence" NOT NULL DEFAULT 'biweekly',
    "defaultWeekday" INTEGER NOT NULL DEFAULT 2,
    "defaultHour" INTEGER NOT NULL DEFAULT 10,
    "defaultTimezone" TEXT NOT NULL DEFAULT 'UTC',
    "defaultResponseHours" INTEGER NOT NULL DEFAULT 72,
    "retentionDays" INTEGER NOT NULL DEFAULT 90,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Workspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "WorkspaceAdmin" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "addedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "WorkspaceAdmin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "kind" "GroupKind" NOT NULL DEFAULT 'team',
    "parentId" UUID,
    "sourceType" "TeamSource",
    "sourceId" TEXT,
    "summaryChannelId" TEXT,
    "cadence" "Cadence" NOT NULL DEFAULT 'biweekly',
    "weekday" INTEGER NOT NULL DEFAULT 2,
    "hour" INTEGER NOT NULL DEFAULT 10,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "responseWindowHours" INTEGER NOT NULL DEFAULT 72,
    "reminderHoursBeforeClose" INTEGER NOT NULL DEFAULT 24,
    "commentsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "minRespondents" INTEGER NOT NULL DEFAULT 5,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamLead" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamLead_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Cycle" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "number" INTEGER NOT NULL,
    "roundKey" TEXT NOT NULL,
    "bankVersion" INTEGER NOT NULL,
    "itemIds" TEXT[],
    "minRespondents" INTEGER NOT NULL,
    "status" "CycleStatus" NOT NULL DEFAULT 'open',
    "opensAt" TIMESTAMP(3) NOT NULL,
    "closesAt" TIMESTAMP(3) NOT NULL,
    "invitedCount" INTEGER NOT NULL,
    "respondentCount" INTEGER,
    "participationKeyEnc" TEXT,
    "closedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Cycle_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" UUID NOT NULL,
    "cycleId" UUID NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "timezone" TEXT,
    "sendAt" TIMESTAMP(3) NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'pending',
    "dmChannelId" TEXT,
    "messageTs" TEXT,
    "sentAt" TIMESTAMP(3),
    "remindedAt" TIMESTAMP(3),
    "lastError" TEXT,

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Participation" (
    "cycleId" UUID NOT NULL,
    "tag" BYTEA NOT NULL,

    CONSTRAINT "Participation_pkey" PRIMARY KEY ("cycleId","tag")
);

-- CreateTable
CREATE TABLE "Answer" (
    "id" UUID NOT NULL,
    "cycleId" UUID NOT NULL,
    "values" JSONB NOT NULL,

    CONSTRAINT "Answer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Comment" (
    "id" UUID NOT NULL,
    "cycleId" UUID NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "Comment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamSummary" (
    "id" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "cycleId" UUID,
    "roundKey" TEXT NOT NULL,
    "status" "SummaryStatus" NOT NULL,
    "reason" TEXT,
    "respondentCount" INTEGER,
    "responseIndicator" TEXT NOT NULL,
    "responseBand" TEXT,
    "stats" JSONB,
    "connectionIndex" DOUBLE PRECISION,
    "powerOverIndex" DOUBLE PRECISION,
    "trendStates" JSONB,
    "postedChannelId" TEXT,
    "postedTs" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "TeamSummary_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReleaseLedgerEntry" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "roundKey" TEXT NOT NULL,
    "groupKey" TEXT NOT NULL,
    "statistic" TEXT NOT NULL,
    "respondentCount" INTEGER NOT NULL,
    "memberSet" TEXT[],
    "released" BOOLEAN NOT NULL,
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReleaseLedgerEntry_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" UUID NOT NULL,
    "workspaceId" UUID NOT NULL,
    "actorUserId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "details" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Installation_installKey_key" ON "Installation"("installKey");

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_slackTeamId_key" ON "Workspace"("slackTeamId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkspaceAdmin_workspaceId_slackUserId_key" ON "WorkspaceAdmin"("workspaceId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Team_workspaceId_name_key" ON "Team"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "TeamLead_teamId_slackUserId_key" ON "TeamLead"("teamId", "slackUserId");

-- CreateIndex
CREATE INDEX "Cycle_status_closesAt_idx" ON "Cycle"("status", "closesAt");

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_teamId_number_key" ON "Cycle"("teamId", "number");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_cycleId_slackUserId_key" ON "Delivery"("cycleId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamSummary_cycleId_key" ON "TeamSummary"("cycleId");

-- CreateIndex
CREATE UNIQUE INDEX "TeamSummary_teamId_roundKey_key" ON "TeamSummary"("teamId", "roundKey");

-- CreateIndex
CREATE UNIQUE INDEX "ReleaseLedgerEntry_workspaceId_roundKey_groupKey_statistic_key" ON "ReleaseLedgerEntry"("workspaceId", "roundKey", "groupKey", "statistic");

-- CreateIndex
CREATE INDEX "AuditEvent_workspaceId_createdAt_idx" ON "AuditEvent"("workspaceId", "createdAt");

-- AddForeignKey
ALTER TABLE "WorkspaceAdmin" ADD CONSTRAINT "WorkspaceAdmin_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Team" ADD CONSTRAINT "Team_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamLead" ADD CONSTRAINT "TeamLead_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Cycle" ADD CONSTRAINT "Cycle_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Participation" ADD CONSTRAINT "Participation_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Answer" ADD CONSTRAINT "Answer_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Comment" ADD CONSTRAINT "Comment_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamSummary" ADD CONSTRAINT "TeamSummary_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "TeamSummary" ADD CONSTRAINT "TeamSummary_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReleaseLedgerEntry" ADD CONSTRAINT "ReleaseLedgerEntry_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

