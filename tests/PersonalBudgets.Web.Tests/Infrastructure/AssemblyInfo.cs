using PersonalBudgets.Web.Tests.Infrastructure;

[assembly: AssemblyFixture(typeof(PostgresServerLifetime))]
