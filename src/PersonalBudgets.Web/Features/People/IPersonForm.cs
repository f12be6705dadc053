namespace PersonalBudgets.Web.Features.People;

/// <summary>A page that shows the person form partial.</summary>
public interface IPersonForm
{
    PersonInput Input { get; }
}
