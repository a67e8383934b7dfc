namespace PaymentsPortal.Core.Common;

/// <summary>The outcome of a use case: expected failures are values with a message for people, not exceptions.</summary>
public sealed record CommandResult(bool Succeeded, string? Error)
{
    public static CommandResult Ok { get; } = new(true, null);

    public static CommandResult Fail(string error) => new(false, error);

    public static CommandResult<T> Returning<T>(T value) => new(true, null, value);

    public static CommandResult<T> Failure<T>(string error) => new(false, error, default);
}

/// <summary>A <see cref="CommandResult"/> that carries a value on success.</summary>
public sealed record CommandResult<T>(bool Succeeded, string? Error, T? Value);
