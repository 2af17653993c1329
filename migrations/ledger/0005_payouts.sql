CREATE TABLE "payout_accounts" (
	"owner_account_id" text PRIMARY KEY NOT NULL,
	"provider" text NOT NULL,
	"provider_account_id" text NOT NULL,
	"ready" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "payouts" (
	"id" text PRIMARY KEY NOT NULL,
	"creator_account_id" text NOT NULL,
	"idempotency_key" text NOT NULL,
	"amount" bigint NOT NULL,
	"currency" char(3) NOT NULL,
	"provider" text NOT NULL,
	"destination" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"provider_transfer_id" text,
	"failure_code" text,
	"failure_message" text,
	"journal_transaction_id" text NOT NULL,
	"reversal_transaction_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "payouts_creator_key" UNIQUE("creator_account_id","idempotency_key"),
	CONSTRAINT "payouts_amount" CHECK ("payouts"."amount" > 0),
	CONSTRAINT "payouts_state" CHECK ("payouts"."state" IN ('pending', 'paid', 'failed')),
	CONSTRAINT "payouts_currency" CHECK ("payouts"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "payouts_paid" CHECK (("payouts"."state" = 'paid') = ("payouts"."provider_transfer_id" IS NOT NULL)),
	CONSTRAINT "payouts_failed" CHECK (("payouts"."state" = 'failed') = ("payouts"."reversal_transaction_id" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "ledger_accounts" DROP CONSTRAINT "ledger_accounts_kind";--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_journal_transaction_id_journal_transactions_id_fk" FOREIGN KEY ("journal_transaction_id") REFERENCES "public"."journal_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "payouts" ADD CONSTRAINT "payouts_reversal_transaction_id_journal_transactions_id_fk" FOREIGN KEY ("reversal_transaction_id") REFERENCES "public"."journal_transactions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "payouts_creator_idx" ON "payouts" USING btree ("creator_account_id","id");--> statement-breakpoint
CREATE INDEX "payouts_pending_idx" ON "payouts" USING btree ("updated_at") WHERE "payouts"."state" = 'pending';--> statement-breakpoint
ALTER TABLE "ledger_accounts" ADD CONSTRAINT "ledger_accounts_kind" CHECK ("ledger_accounts"."kind" IN ('buyer_funding', 'platform_revenue', 'creator_payable', 'escrow', 'provider_fees', 'refunds', 'payouts'));