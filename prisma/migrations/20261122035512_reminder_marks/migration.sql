-- AlterTable
ALTER TABLE "Delivery" DROP COLUMN "remindedAt";

-- CreateTable
CREATE TABLE "ReminderMark" (
    "cycleId" UUID NOT NULL,
    "tag" BYTEA NOT NULL,

    CONSTRAINT "ReminderMark_pkey" PRIMARY KEY ("cycleId","tag")
);

-- AddForeignKey
ALTER TABLE "ReminderMark" ADD CONSTRAINT "ReminderMark_cycleId_fkey" FOREIGN KEY ("cycleId") REFERENCES "Cycle"("id") ON DELETE CASCADE ON UPDATE CASCADE;

