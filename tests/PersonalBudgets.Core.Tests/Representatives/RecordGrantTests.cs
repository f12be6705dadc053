using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.PersonAccounts;
using PersonalBudgets.Core.Representatives;

namespace PersonalBudgets.Core.Tests.Representatives;

public sealed class RecordGrantTests
{
    private static readonly Actor Person = new(Guid.NewGuid(), "Alex Smith", ActorKind.Person);
    private static readonly Actor Nurse = new(Guid.NewGuid(), "Priya Shah");

    // 10:00 UTC on 1 March 2026 is 1 March in the UK (GMT).
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 3, 1);

    private static GrantRequest Request(RepresentativeScopes scopes = RepresentativeScopes.SeeMoney, DateOnly? starts = null, DateOnly? ends = null) =>
        new(" Sam Carter ", Relationship.Carer, " sam@example.com ", scopes, starts ?? Today, ends ?? Today.AddMonths(6));

    private static (RecordGrant Grant, string Code) Accepted(DateOnly? starts = null, DateOnly? ends = null)
    {
        var made = RecordGrant.Create(Guid.NewGuid(), Request(starts: starts, ends: ends), Person, Now);
        made.Grant.Accept(Guid.NewGuid(), Now);
        return made;
    }

    [Fact]
    public void Create_TrimsAlwaysIncludesSeeingTheSupport_AndKeepsOnlyTheCodesHash()
    {
        var (grant, code) = RecordGrant.Create(Guid.NewGuid(), Request(), Person, Now);

        grant.RepresentativeName.ShouldBe("Sam Carter");
        grant.Email.ShouldBe("sam@example.com");
        grant.Scopes.ShouldBe(RepresentativeScopes.SeeSupport | RepresentativeScopes.SeeMoney);
        grant.LegalBasis.ShouldBe(LegalBasis.PersonsConsent);
        grant.GrantedByKind.ShouldBe(ActorKind.Person);
        grant.InvitationCodeHash.ShouldBe(OneTimeCodes.Hash(code));
        grant.InvitationExpiresAt.ShouldBe(Now.AddDays(PersonInvitation.ValidDays));
        grant.StateAt(Now).ShouldBe(GrantState.Invited);
        grant.IsLiveAt(Now).ShouldBeFalse(); // not accepted yet
    }

    [Fact]
    public void Create_ByThePerson_NeedsEveryFieldAndAnEndDate()
    {
        var e = Should.Throw<ValidationFailedException>(() => RecordGrant.Create(Guid.NewGuid(),
            new GrantRequest("", null, "not an email", RepresentativeScopes.None, null, null), Person, Now));

        e.Errors.Select(x => x.Field).ShouldBe(["Name", "Relationship", "Email", "Scopes", "StartsOn", "EndsOn"]);
    }

    [Fact]
    public void Create_RefusesAStartInThePast_AnEndBeforeTheStart_AndUnknownScopes()
    {
        var past = Should.Throw<ValidationFailedException>(() => RecordGrant.Create(Guid.NewGuid(), Request(starts: Today.AddDays(-1)), Person, Now));
        past.Errors.ShouldHaveSingleItem().Field.ShouldBe("StartsOn");

        var backwards = Should.Throw<ValidationFailedException>(() => RecordGrant.Create(Guid.NewGuid(), Request(starts: Today.AddDays(5), ends: Today.AddDays(4)), Person, Now));
        backwards.Errors.ShouldHaveSingleItem().Field.ShouldBe("EndsOn");

        var unknown = Should.Throw<ValidationFailedException>(() => RecordGrant.Create(Guid.NewGuid(), Request(scopes: (RepresentativeScopes)64), Person, Now));
        unknown.Errors.ShouldHaveSingleItem().Field.ShouldBe("Scopes");
    }

    [Fact]
    public void Create_ByThePerson_CannotClaimALegalBasis()
    {
        var e = Should.Throw<ValidationFailedException>(() => RecordGrant.Create(Guid.NewGuid(),
            Request() with { LegalBasis = LegalBasis.CourtOfProtectionDeputy }, Person, Now));

        e.Errors.ShouldHaveSingleItem().Field.ShouldBe("LegalBasis");
    }

    [Fact]
    public void Create_ByStaff_NeedsTheLegalBasisItsReferenceAndAPastDate_ButNoEndDate()
    {
        var missing = Should.Throw<ValidationFailedException>(() => RecordGrant.Create(Guid.NewGuid(),
            Request() with { EndsOn = null, LegalBasis = null }, Nurse, Now));
        missing.Errors.Select(x => x.Field).ShouldBe(["LegalBasis", "LegalReference", "LegalDate"]);

        var future = Should.Throw<ValidationFailedException>(() => RecordGrant.Create(Guid.NewGuid(),
            Request() with { LegalBasis = LegalBasis.LpaPropertyAndFinancialAffairs, LegalReference = "7000", LegalDate = Today.AddDays(1) }, Nurse, Now));
        future.Errors.ShouldHaveSingleItem().Field.ShouldBe("LegalDate");

        var (grant, _) = RecordGrant.Create(Guid.NewGuid(),
            Request() with { EndsOn = null, LegalBasis = LegalBasis.DirectPaymentAuthorisedPerson, LegalReference = " DP-42 ", LegalDate = Today.AddYears(-1) }, Nurse, Now);
        grant.LegalReference.ShouldBe("DP-42");
        grant.EndsOn.ShouldBeNull();
        grant.GrantedByKind.ShouldBe(ActorKind.Staff);
    }

    [Fact]
    public void Accept_UsesTheCodeOnce()
    {
        var (grant, _) = RecordGrant.Create(Guid.NewGuid(), Request(), Person, Now);
        var account = Guid.NewGuid();

        grant.Accept(account, Now);

        grant.AccountId.ShouldBe(account);
        grant.InvitationCodeHash.ShouldBeNull();
        grant.StateAt(Now).ShouldBe(GrantState.Active);
        Should.Throw<DomainException>(() => grant.Accept(Guid.NewGuid(), Now)).ErrorCode.ShouldBe("invitation-not-usable");
    }

    [Fact]
    public void Accept_AfterTheInvitationExpired_IsRefused()
    {
        var (grant, _) = RecordGrant.Create(Guid.NewGuid(), Request(ends: Today.AddMonths(2)), Person, Now);
        var later = Now.AddDays(PersonInvitation.ValidDays);

        grant.StateAt(later).ShouldBe(GrantState.InvitationExpired);
        Should.Throw<DomainException>(() => grant.Accept(Guid.NewGuid(), later));
    }

    [Fact]
    public void Live_OnlyFromTheStartDayToTheEndDayInclusive()
    {
        var (grant, _) = Accepted(starts: Today.AddDays(2), ends: Today.AddDays(4));

        grant.StateAt(Now).ShouldBe(GrantState.NotStarted);
        grant.IsLiveAt(Now.AddDays(1)).ShouldBeFalse();
        grant.IsLiveAt(Now.AddDays(2)).ShouldBeTrue();
        grant.IsLiveAt(Now.AddDays(4)).ShouldBeTrue();
        grant.IsLiveAt(Now.AddDays(5)).ShouldBeFalse();
        grant.StateAt(Now.AddDays(5)).ShouldBe(GrantState.Expired);
    }

    [Fact]
    public void Live_FollowsTheUkDay_NotTheUtcDay()
    {
        // Ends on 1 July 2026; 23:30 UTC on 1 July is 00:30 on 2 July in the UK (BST): already over.
        var summer = new DateTimeOffset(2026, 6, 1, 10, 0, 0, TimeSpan.Zero);
        var made = RecordGrant.Create(Guid.NewGuid(), Request(starts: new DateOnly(2026, 6, 1), ends: new DateOnly(2026, 7, 1)), Person, summer);
        made.Grant.Accept(Guid.NewGuid(), summer);

        made.Grant.IsLiveAt(new DateTimeOffset(2026, 7, 1, 22, 30, 0, TimeSpan.Zero)).ShouldBeTrue();
        made.Grant.IsLiveAt(new DateTimeOffset(2026, 7, 1, 23, 30, 0, TimeSpan.Zero)).ShouldBeFalse();
    }

    [Fact]
    public void LiveOn_TheQuery_AgreesWithIsLiveAt()
    {
        var grants = new[] { Accepted(ends: Today.AddDays(1)).Grant, Accepted(starts: Today.AddDays(1), ends: Today.AddDays(3)).Grant, RecordGrant.Create(Guid.NewGuid(), Request(), Person, Now).Grant };
        var ended = Accepted().Grant;
        ended.End(Person, Now);
        var all = grants.Append(ended).ToList();
        foreach (var day in Enumerable.Range(0, 5))
        {
            var live = RecordGrant.LiveOn(Today.AddDays(day)).Compile();
            all.Select(g => live(g)).ToList().ShouldBe(all.Select(g => g.IsLiveAt(Now.AddDays(day))).ToList(), $"day {day}");
        }
    }

    [Fact]
    public void End_StopsAccessAtOnce_AndCannotBeDoneTwice()
    {
        var (grant, _) = Accepted();

        grant.End(Person, Now);

        grant.IsLiveAt(Now).ShouldBeFalse();
        grant.StateAt(Now).ShouldBe(GrantState.Ended);
        grant.EndedByName.ShouldBe("Alex Smith");
        Should.Throw<ConflictException>(() => grant.End(Person, Now)).ErrorCode.ShouldBe("grant-ended");
    }

    [Fact]
    public void Allows_EachScopeOnItsOwn()
    {
        var (grant, _) = Accepted();

        grant.Allows(RepresentativeScopes.SeeSupport).ShouldBeTrue();
        grant.Allows(RepresentativeScopes.SeeMoney).ShouldBeTrue();
        grant.Allows(RepresentativeScopes.WritePlan).ShouldBeFalse();
        grant.Allows(RepresentativeScopes.AgreeAndAsk).ShouldBeFalse();
        RecordGrant.Each(grant.Scopes).ShouldBe([RepresentativeScopes.SeeSupport, RepresentativeScopes.SeeMoney]);
    }
}
