using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class Banking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "bank_links",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    plaid_item_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    institution_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    institution_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    protected_access_token = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    error_code = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    error_message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    consent_expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    transactions_cursor = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    transactions_synced_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    balances_refreshed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    unlinked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_links", x => new { x.merchant_id, x.id });
                    table.ForeignKey(
                        name: "fk_bank_links_merchants_merchant_id",
                        column: x => x.merchant_id,
                        principalTable: "merchants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bank_accounts",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    link_id = table.Column<Guid>(type: "uuid", nullable: true),
                    plaid_account_id = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    official_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    mask = table.Column<string>(type: "character varying(4)", maxLength: 4, nullable: true),
                    type = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    subtype = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    currency_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    verification_status = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    current_balance_minor = table.Column<long>(type: "bigint", nullable: true),
                    available_balance_minor = table.Column<long>(type: "bigint", nullable: true),
                    balance_as_of = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_accounts", x => new { x.merchant_id, x.id });
                    table.CheckConstraint("ck_bank_accounts_source", "(source = 'Plaid') = (link_id IS NOT NULL AND plaid_account_id IS NOT NULL)");
                    table.ForeignKey(
                        name: "fk_bank_accounts_bank_links_merchant_id_link_id",
                        columns: x => new { x.merchant_id, x.link_id },
                        principalTable: "bank_links",
                        principalColumns: new[] { "merchant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bank_accounts_merchants_merchant_id",
                        column: x => x.merchant_id,
                        principalTable: "merchants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "statement_imports",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    format = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    line_count = table.Column<int>(type: "integer", nullable: false),
                    added_count = table.Column<int>(type: "integer", nullable: false),
                    duplicate_count = table.Column<int>(type: "integer", nullable: false),
                    first_date = table.Column<DateOnly>(type: "date", nullable: true),
                    last_date = table.Column<DateOnly>(type: "date", nullable: true),
                    imported_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_statement_imports", x => new { x.merchant_id, x.id });
                    table.ForeignKey(
                        name: "fk_statement_imports_bank_accounts_merchant_id_account_id",
                        columns: x => new { x.merchant_id, x.account_id },
                        principalTable: "bank_accounts",
                        principalColumns: new[] { "merchant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "bank_transactions",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    account_id = table.Column<Guid>(type: "uuid", nullable: false),
                    source = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    external_id = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    date = table.Column<DateOnly>(type: "date", nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    counterparty_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    pending = table.Column<bool>(type: "boolean", nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    removed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_bank_transactions", x => new { x.merchant_id, x.id });
                    table.ForeignKey(
                        name: "fk_bank_transactions_bank_accounts_merchant_id_account_id",
                        columns: x => new { x.merchant_id, x.account_id },
                        principalTable: "bank_accounts",
                        principalColumns: new[] { "merchant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_bank_transactions_statement_imports_merchant_id_import_id",
                        columns: x => new { x.merchant_id, x.import_id },
                        principalTable: "statement_imports",
                        principalColumns: new[] { "merchant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "payout_matches",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    payout_id = table.Column<Guid>(type: "uuid", nullable: false),
                    bank_transaction_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    matched_by_user_id = table.Column<Guid>(type: "uuid", nullable: true),
                    matched_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payout_matches", x => new { x.merchant_id, x.payout_id });
                    table.ForeignKey(
                        name: "fk_payout_matches_bank_transactions_merchant_id_bank_transacti",
                        columns: x => new { x.merchant_id, x.bank_transaction_id },
                        principalTable: "bank_transactions",
                        principalColumns: new[] { "merchant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_payout_matches_payouts_merchant_id_payout_id",
                        columns: x => new { x.merchant_id, x.payout_id },
                        principalTable: "payouts",
                        principalColumns: new[] { "merchant_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_bank_accounts_merchant_id_link_id_plaid_account_id",
                table: "bank_accounts",
                columns: new[] { "merchant_id", "link_id", "plaid_account_id" },
                unique: true,
                filter: "plaid_account_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_bank_links_plaid_item_id",
                table: "bank_links",
                column: "plaid_item_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_transactions_merchant_id_account_id_date",
                table: "bank_transactions",
                columns: new[] { "merchant_id", "account_id", "date" });

            migrationBuilder.CreateIndex(
                name: "ix_bank_transactions_merchant_id_account_id_source_external_id",
                table: "bank_transactions",
                columns: new[] { "merchant_id", "account_id", "source", "external_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_bank_transactions_merchant_id_date_id",
                table: "bank_transactions",
                columns: new[] { "merchant_id", "date", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_bank_transactions_merchant_id_import_id",
                table: "bank_transactions",
                columns: new[] { "merchant_id", "import_id" });

            migrationBuilder.CreateIndex(
                name: "ix_payout_matches_merchant_id_bank_transaction_id",
                table: "payout_matches",
                columns: new[] { "merchant_id", "bank_transaction_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_statement_imports_merchant_id_account_id_created_at",
                table: "statement_imports",
                columns: new[] { "merchant_id", "account_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "payout_matches");

            migrationBuilder.DropTable(
                name: "bank_transactions");

            migrationBuilder.DropTable(
                name: "statement_imports");

            migrationBuilder.DropTable(
                name: "bank_accounts");

            migrationBuilder.DropTable(
                name: "bank_links");
        }
    }
}
