namespace PersonalBudgets.Web.Features.Charging.Uprating;

/// <summary>
/// Carries out running April uprating runs every <c>Charging:UpratingPollSeconds</c> (default 5; 0 or less switches it
/// off), in batches, each in its own scope. A run stopped by a restart carries on at the next tick; several instances
/// may run it at once, as each person's item is unique per run.
/// </summary>
public sealed partial class UpratingBackgroundService(
    IServiceScopeFactory scopes,
    IConfiguration configuration,
    TimeProvider clock,
    ILogger<UpratingBackgroundService> logger) : BackgroundService
{
    public const string IntervalKey = "Charging:UpratingPollSeconds";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var seconds = configuration.GetValue(IntervalKey, 5.0);
        if (seconds <= 0)
        {
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(seconds), clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await RunOnceAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the run's progress is saved person by person.
        }
    }

    /// <summary>Works every running run until it completes or a batch makes no progress; returns how many people it processed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var total = 0;
        try
        {
            await using var first = scopes.CreateAsyncScope();
            var runs = await first.ServiceProvider.GetRequiredService<UpratingProcessor>().RunningAsync(ct);
            foreach (var runId in runs)
            {
                int processed;
                do
                {
                    await using var scope = scopes.CreateAsyncScope();
                    processed = await scope.ServiceProvider.GetRequiredService<UpratingProcessor>().ProcessAsync(runId, UpratingProcessor.BatchSize, ct);
                    total += processed;
                }
                while (processed > 0 && !ct.IsCancellationRequested);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // Type only: messages can carry data values. The next tick carries on.
            LogFailed(logger, ex.GetType().Name);
        }

        return total;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Uprating run failed with {ExceptionType}; will carry on at the next interval")]
    private static partial void LogFailed(ILogger logger, string exceptionType);
}
