using PersonalBudgets.EndToEnd.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(AppServerFixture))]

// Each test class is a collection; they share the one app. Most of a browser test's time is spent waiting on the
// browser, not the processor, so three at once roughly halves the run even on two cores.
[assembly: CollectionBehavior(MaxParallelThreads = 3)]
