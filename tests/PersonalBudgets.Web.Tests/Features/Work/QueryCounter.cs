using System.Diagnostics;

namespace PersonalBudgets.Web.Tests.Features.Work;

/// <summary>
/// Counts the database commands run in the current async flow (the test server runs requests in the test's
/// execution context), so a test can show a page's queries do not grow with its rows.
/// </summary>
public sealed class QueryCounter : IDisposable
{
    private static readonly AsyncLocal<QueryCounter?> Current = new();
    private static readonly Lock Gate = new();
    private static bool subscribed;
    private int count;

    private QueryCounter()
    {
    }

    public int Count => Volatile.Read(ref count);

    public static QueryCounter Start()
    {
        lock (Gate)
        {
            if (!subscribed)
            {
                DiagnosticListener.AllListeners.Subscribe(new ListenerObserver());
                subscribed = true;
            }
        }

        var counter = new QueryCounter();
        Current.Value = counter;
        return counter;
    }

    public void Dispose() => Current.Value = null;

    private sealed class ListenerObserver : IObserver<DiagnosticListener>
    {
        public void OnNext(DiagnosticListener value)
        {
            if (value.Name == "Microsoft.EntityFrameworkCore")
            {
                value.Subscribe(new EventObserver());
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }

    private sealed class EventObserver : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value.Key == "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting" && Current.Value is { } counter)
            {
                Interlocked.Increment(ref counter.count);
            }
        }

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
