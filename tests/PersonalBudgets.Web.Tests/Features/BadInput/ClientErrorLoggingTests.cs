using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.BadInput;

/// <summary>
/// A client's mistake is a warning, without what was sent or a stack trace; errors are kept for the service's own
/// faults (issue 9, item 16).
/// </summary>
public sealed class ClientErrorLoggingTests
{
    private const string Marker = "SENTBYCLIENT";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task BadJsonAndBadQueryValues_AreLoggedAsWarningsWithoutTheInput(DatabaseProvider provider)
    {
        var sink = new LogSink();
        await using var factory = await SeededDatabases.NewFactoryAsync(provider);
        await using var app = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(sink)));
        await app.StartOnItsOwnThreadAsync(TestContext.Current.CancellationToken);
        using var browser = new Browser(app.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false }));
        await browser.SignInAsync(DemoAccounts.NorthNurse);
        sink.Clear();

        using var malformed = await browser.Http.PostAsync(new Uri("/api/v1/people/search", UriKind.Relative), new StringContent("{\"text\": " + Marker, Encoding.UTF8, "application/json"), Ct);
        using var wrongType = await browser.Http.PostAsync(new Uri("/api/v1/people/search", UriKind.Relative), new StringContent("{\"text\": [\"" + Marker + "\"]}", Encoding.UTF8, "application/json"), Ct);
        using var badQuery = await browser.Http.GetAsync(new Uri($"/api/v1/people?page={Marker}", UriKind.Relative), Ct);

        malformed.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        wrongType.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        badQuery.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var entries = sink.Entries.ToList();
        entries.ShouldNotContain(e => e.Level >= LogLevel.Error, string.Join("\n", entries));
        entries.Count(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Client error", StringComparison.Ordinal)).ShouldBe(3, string.Join("\n", entries));
        entries.ShouldAllBe(e => !e.Message.Contains(Marker, StringComparison.Ordinal) && !e.HasException);
    }

    private sealed record Entry(LogLevel Level, string Category, string Message, bool HasException)
    {
        public override string ToString() => $"[{Level}] {Category}: {Message}";
    }

    private sealed class LogSink : ILoggerProvider
    {
        private readonly ConcurrentQueue<Entry> entries = new();

        public IEnumerable<Entry> Entries => entries;

        public void Clear() => entries.Clear();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(LogSink sink, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                if (IsEnabled(logLevel))
                {
                    sink.entries.Enqueue(new(logLevel, category, formatter(state, exception), exception is not null));
                }
            }
        }
    }
}
