-- AlterTable
ALTER TABLE "ReleaseLedgerEntry" ADD COLUMN     "k" INTEGER NOT NULL,
ALTER COLUMN "respondentCount" DROP NOT NULL;

