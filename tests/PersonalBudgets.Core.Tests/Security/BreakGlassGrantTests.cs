using PersonalBudgets.Core.Common;
using PersonalBudgets.Core.Security;

namespace PersonalBudgets.Core.Tests.Security;

public sealed class BreakGlassGrantTests
{
    private static readonly Actor Nurse = new(Guid.NewGuid(), "Priya Shah");
    private static readonly Actor Admin = new(Guid.NewGuid(), "Chris Taylor");
    private static readonly Guid PersonId = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 22, 15, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("         ")]
    [InlineData("Emergency")]
    [InlineData("   Crisis    ")]
    public void Grant_WhenTheReasonIsMissingOrShort_IsRefused(string? reason)
    {
        var ex = Should.Throw<DomainException>(() => BreakGlassGrant.Grant(Nurse, PersonId, reason, Now, TimeSpan.FromHours(2)));
        ex.ErrorCode.ShouldBe("break-glass-reason-required");
        ex.Field.ShouldBe("Reason");
        ex.Message.ShouldBe("Enter the reason you need access to this record, in at least 10 characters");
    }

    [Fact]
    public void Grant_WhenTheReasonIsTooLong_IsRefused()
    {
        var ex = Should.Throw<DomainException>(() => BreakGlassGrant.Grant(Nurse, PersonId, new string('x', 1001), Now, TimeSpan.FromHours(2)));
        ex.ErrorCode.ShouldBe("break-glass-reason-too-long");
    }

    [Theory]
    [InlineData("Emergency!", "Emergency!")]
    [InlineData("  In crisis at our base  ", "In crisis at our base")]
    public void Grant_WithAReason_RecordsWhoWhyAndUntilWhen(string reason, string stored)
    {
        var grant = BreakGlassGrant.Grant(Nurse, PersonId, reason, Now, TimeSpan.FromMinutes(120));

        grant.Reason.ShouldBe(stored);
        grant.UserId.ShouldBe(Nurse.UserId);
        grant.UserName.ShouldBe("Priya Shah");
        grant.PersonId.ShouldBe(PersonId);
        grant.GrantedAt.ShouldBe(Now);
        grant.ExpiresAt.ShouldBe(Now.AddMinutes(120));
        grant.ReviewedAt.ShouldBeNull();
    }

    [Fact]
    public void IsActive_UntilTheExpiryTime()
    {
        var grant = BreakGlassGrant.Grant(Nurse, PersonId, "Person arrived in crisis", Now, TimeSpan.FromMinutes(120));

        grant.IsActive(Now).ShouldBeTrue();
        grant.IsActive(Now.AddMinutes(120).AddTicks(-1)).ShouldBeTrue();
        grant.IsActive(Now.AddMinutes(120)).ShouldBeFalse();
        grant.IsActive(Now.AddDays(1)).ShouldBeFalse();
    }

    [Fact]
    public void MarkReviewed_RecordsTheReviewerOnce()
    {
        var grant = BreakGlassGrant.Grant(Nurse, PersonId, "Person arrived in crisis", Now, TimeSpan.FromMinutes(120));
        grant.MarkReviewed(Admin, "  Appropriate  ", Now.AddDays(1));

        grant.ReviewedAt.ShouldBe(Now.AddDays(1));
        grant.ReviewedByName.ShouldBe("Chris Taylor");
        grant.ReviewNote.ShouldBe("Appropriate");
        Should.Throw<DomainException>(() => grant.MarkReviewed(Admin, null, Now.AddDays(2))).ErrorCode.ShouldBe("break-glass-already-reviewed");
    }
}
