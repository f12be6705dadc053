using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Representatives;

namespace PersonalBudgets.Core.Tests.Representatives;

/// <summary>Changing a grant's scopes and end date (ADR 0033).</summary>
public sealed class RecordGrantChangeTests
{
    private static readonly Actor Person = new(Guid.NewGuid(), "Alex Smith", ActorKind.Person);
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static RecordGrant Accepted()
    {
        var (grant, _) = RecordGrant.Create(Guid.NewGuid(), new GrantRequest("Sam Carter", Relationship.Carer, "sam@example.com", RepresentativeScopes.SeeMoney, Today, Today.AddMonths(6)), Person, Now);
        grant.Accept(Guid.NewGuid(), Now);
        return grant;
    }

    [Fact]
    public void Change_SetsScopesAndEnd_KeepsSeeingTheSupport_BumpsTheVersion_AndSaysWhatChanged()
    {
        var grant = Accepted();

        var what = grant.Change(RepresentativeScopes.AgreeAndAsk, Today.AddDays(10), 0, Person, Now.AddHours(1));

        grant.Scopes.ShouldBe(RepresentativeScopes.SeeSupport | RepresentativeScopes.AgreeAndAsk);
        grant.EndsOn.ShouldBe(Today.AddDays(10));
        grant.Version.ShouldBe(1);
        grant.ChangedByName.ShouldBe("Alex Smith");
        what.ShouldContain("SeeMoney");
        what.ShouldContain("AgreeAndAsk");
    }

    [Fact]
    public void Change_WithAnOldVersion_IsAConflict_NamingWhoChangedItLast()
    {
        var grant = Accepted();
        grant.Change(RepresentativeScopes.SeeSupport, Today.AddDays(10), 0, Person, Now);

        var conflict = Should.Throw<ConcurrencyConflictException>(() => grant.Change(RepresentativeScopes.SeeMoney, Today.AddDays(10), 0, Person, Now));

        conflict.ChangedBy.ShouldBe("Alex Smith");
        grant.Scopes.ShouldBe(RepresentativeScopes.SeeSupport);
    }

    [Fact]
    public void Change_RefusesNoScopes_AnEndInThePast_AndNoEndOnThePersonsOwnGrant_NamingTheFields()
    {
        var grant = Accepted();

        var errors = Should.Throw<ValidationFailedException>(() => grant.Change(RepresentativeScopes.None, Today.AddDays(-1), 0, Person, Now)).Errors;
        errors.Select(e => e.Field).ShouldBe(["Scopes", "EndsOn"]);
        Should.Throw<ValidationFailedException>(() => grant.Change(RepresentativeScopes.SeeSupport, null, 0, Person, Now)).Errors.Single().Field.ShouldBe("EndsOn");
        Should.Throw<ValidationFailedException>(() => grant.Change((RepresentativeScopes)64, Today, 0, Person, Now)).Errors.Single().Field.ShouldBe("Scopes");
    }

    [Fact]
    public void Change_OfAnEndedGrant_IsRefused()
    {
        var grant = Accepted();
        grant.End(Person, Now);

        Should.Throw<ConflictException>(() => grant.Change(RepresentativeScopes.SeeSupport, Today.AddDays(1), 0, Person, Now)).ErrorCode.ShouldBe("grant-ended");
    }
}
