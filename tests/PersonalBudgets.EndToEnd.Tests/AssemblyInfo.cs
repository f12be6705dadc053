using PersonalBudgets.EndToEnd.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(AppServerFixture))]
[assembly: AssemblyFixture(typeof(ChromiumLifetime))]

// Each test class is a collection; they share the one app. Most of a browser test's time is spent waiting on the
// browser, not the processor, so two at once shortens the run even on two cores.
[assembly: CollectionBehavior(MaxParallelThreads = 2)]
