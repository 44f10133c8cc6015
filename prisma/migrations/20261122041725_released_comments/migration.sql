-- AlterTable
ALTER TABLE "TeamSummary" ADD COLUMN     "commentsPostedTs" TEXT,
ADD COLUMN     "commentsReleased" BOOLEAN NOT NULL DEFAULT false;

