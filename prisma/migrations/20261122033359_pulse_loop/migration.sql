-- AlterTable
ALTER TABLE "Cycle" ADD COLUMN     "memberSet" TEXT[];

-- CreateTable
CREATE TABLE "SlackUser" (
    "id" UUID NOT NULL,
    "slackTeamId" TEXT NOT NULL,
    "slackUserId" TEXT NOT NULL,
    "timezone" TEXT,
    "isBot" BOOLEAN NOT NULL DEFAULT false,
    "deleted" BOOLEAN NOT NULL DEFAULT false,
    "fetchedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SlackUser_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlackUser_slackTeamId_slackUserId_key" ON "SlackUser"("slackTeamId", "slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Cycle_teamId_roundKey_key" ON "Cycle"("teamId", "roundKey");

