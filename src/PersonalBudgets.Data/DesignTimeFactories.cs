using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace PersonalBudgets.Data;

/// <summary>Used only by 'dotnet ef migrations add'; the connection strings are never opened.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqlitePersonalBudgetsDbContext>
{
    public SqlitePersonalBudgetsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePersonalBudgetsDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresPersonalBudgetsDbContext>
{
    public PostgresPersonalBudgetsDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPersonalBudgetsDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}
