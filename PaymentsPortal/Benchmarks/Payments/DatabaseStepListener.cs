using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace PaymentsPortal.Benchmarks.Payments;

/// <summary>
/// Times every database round trip a payment makes without touching the code that makes it: Npgsql's tracing
/// activities give each command (EF's and the audit trail's own) with its SQL, and EF Core's diagnostic events give
/// each explicit COMMIT, which Npgsql does not trace, and each writing statement sent outside a transaction (its own
/// commit). Listens only while it exists, so only the breakdown pays for it.
/// </summary>
internal sealed class DatabaseStepListener : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    public const string CommitStep = "COMMIT (an explicit transaction)";

    private readonly StepRecorder recorder;
    private readonly ActivityListener commands;
    private readonly IDisposable allListeners;
    private readonly List<IDisposable> efSubscriptions = [];
    private readonly Lock gate = new();

    public DatabaseStepListener(StepRecorder recorder)
    {
        this.recorder = recorder;
        commands = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",

            // Only while recording: otherwise Npgsql gets no activity and skips its tags.
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => recorder.Recording ? ActivitySamplingResult.AllData : ActivitySamplingResult.None,
            ActivityStopped = OnCommandStopped,
        };
        ActivitySource.AddActivityListener(commands);
        allListeners = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public void Dispose()
    {
        commands.Dispose();
        allListeners.Dispose();
        lock (gate)
        {
            efSubscriptions.ForEach(s => s.Dispose());
            efSubscriptions.Clear();
        }
    }

    private void OnCommandStopped(Activity activity)
    {
        var sql = activity.GetTagItem("db.query.text") as string ?? activity.GetTagItem("db.statement") as string;
        recorder.Add(sql is not null ? SqlLabels.Of(sql) : Unnamed(activity.DisplayName), activity.Duration);
    }

    // Npgsql names a physical open "CONNECT <database>"; the database's name is random, the step is not.
    private static string Unnamed(string displayName) =>
        displayName.StartsWith("CONNECT", StringComparison.Ordinal) ? "CONNECT (a new physical connection)" : displayName;

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == DbLoggerCategory.Name)
        {
            lock (gate)
            {
                efSubscriptions.Add(value.Subscribe(this, name => name == RelationalEventId.TransactionCommitted.Name || name == RelationalEventId.CommandExecuted.Name));
            }
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        switch (value.Value)
        {
            case TransactionEndEventData committed:
                recorder.Add(CommitStep, committed.Duration);
                break;

            // The audit trail's own commands always run in the caller's transaction, so EF sees every autocommitted one.
            case CommandExecutedEventData { Command: { Transaction: null } command } when SqlLabels.IsWrite(command.CommandText):
                recorder.AddAutocommittedWrite();
                break;
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
