using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PaymentsPortal.Core.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class OrphanWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "orphan_check_at",
                table: "payment_attempts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "orphan_checks",
                table: "payment_attempts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateIndex(
                name: "ix_payment_attempts_orphan_check_due",
                table: "payment_attempts",
                column: "orphan_check_at",
                filter: "orphan_check_at IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_payment_attempts_orphan_check_due",
                table: "payment_attempts");

            migrationBuilder.DropColumn(
                name: "orphan_check_at",
                table: "payment_attempts");

            migrationBuilder.DropColumn(
                name: "orphan_checks",
                table: "payment_attempts");
        }
    }
}
