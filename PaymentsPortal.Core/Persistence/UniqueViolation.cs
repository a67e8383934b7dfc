using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PaymentsPortal.Core.Persistence;

public static class UniqueViolation
{
    /// <summary>The save lost a race against a concurrent insert of the same unique value.</summary>
    public static bool Is(DbUpdateException exception) =>
        exception.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation };
}
