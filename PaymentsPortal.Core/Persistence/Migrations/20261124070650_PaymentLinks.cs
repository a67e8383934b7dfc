using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PaymentLinks : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "payment_link_id",
                table: "payments",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "payment_links",
                columns: table => new
                {
                    merchant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    slug = table.Column<string>(type: "character(22)", fixedLength: true, maxLength: 22, nullable: false),
                    amount_minor = table.Column<long>(type: "bigint", nullable: false),
                    currency_code = table.Column<string>(type: "character(3)", fixedLength: true, maxLength: 3, nullable: false),
                    description = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    max_uses = table.Column<int>(type: "integer", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    deactivated_by = table.Column<Guid>(type: "uuid", nullable: true),
                    deactivated_by_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    deactivated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_payment_links", x => new { x.merchant_id, x.id });
                    table.CheckConstraint("ck_payment_links_amount_positive", "amount_minor > 0");
                    table.CheckConstraint("ck_payment_links_max_uses", "max_uses IS NULL OR max_uses >= 1");
                    table.ForeignKey(
                        name: "fk_payment_links_merchants_merchant_id",
                        column: x => x.merchant_id,
                        principalTable: "merchants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_payments_merchant_id_payment_link_id",
                table: "payments",
                columns: new[] { "merchant_id", "payment_link_id" },
                filter: "payment_link_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_payment_links_merchant_id_created_at_id",
                table: "payment_links",
                columns: new[] { "merchant_id", "created_at", "id" });

            migrationBuilder.CreateIndex(
                name: "ix_payment_links_slug",
                table: "payment_links",
                column: "slug",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_payments_payment_links_merchant_id_payment_link_id",
                table: "payments",
                columns: new[] { "merchant_id", "payment_link_id" },
                principalTable: "payment_links",
                principalColumns: new[] { "merchant_id", "id" },
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_payments_payment_links_merchant_id_payment_link_id",
                table: "payments");

            migrationBuilder.DropTable(
                name: "payment_links");

            migrationBuilder.DropIndex(
                name: "ix_payments_merchant_id_payment_link_id",
                table: "payments");

            migrationBuilder.DropColumn(
                name: "payment_link_id",
                table: "payments");
        }
    }
}
