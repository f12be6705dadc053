using System.Linq.Expressions;
using System.Reflection;

namespace PersonalBudgets.Web.Features.Dashboard;

/// <summary>
/// "This person is among these people", written once in a query and turned into the SQL form that suits the query:
/// <c>IN (SELECT ...)</c>, which PostgreSQL answers by building the set once (good when the rows looked up are many), or
/// <c>EXISTS (SELECT ... WHERE id = person)</c>, answered by looking each row up by its id (good when they are few).
/// </summary>
public static class Among
{
    public enum Form
    {
        In,
        Exists,
    }

    /// <summary>A placeholder for <see cref="Rewrite{T}"/>: never called.</summary>
    public static bool Has(IQueryable<Guid> people, Guid person) =>
        throw new InvalidOperationException($"{nameof(Among)}.{nameof(Has)} is only a placeholder in a query rewritten by {nameof(Rewrite)}.");

    /// <summary>The expression with every <see cref="Has"/> replaced by the form given.</summary>
    public static Expression<T> Rewrite<T>(Expression<T> expression, Form form)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return (Expression<T>)new Rewriter(form).Visit(expression);
    }

    private static readonly MethodInfo HasMethod = typeof(Among).GetMethod(nameof(Has))!;

    private static readonly MethodInfo ContainsMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Contains) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(Guid));

    private static readonly MethodInfo AnyMethod = typeof(Queryable).GetMethods()
        .Single(m => m.Name == nameof(Queryable.Any) && m.GetParameters().Length == 2).MakeGenericMethod(typeof(Guid));

    private sealed class Rewriter(Form form) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != HasMethod)
            {
                return base.VisitMethodCall(node);
            }

            var people = Visit(node.Arguments[0]);
            var person = Visit(node.Arguments[1]);
            if (form == Form.In)
            {
                return Expression.Call(ContainsMethod, people, person);
            }

            var id = Expression.Parameter(typeof(Guid), "id");
            return Expression.Call(AnyMethod, people, Expression.Lambda<Func<Guid, bool>>(Expression.Equal(id, person), id));
        }
    }
}
