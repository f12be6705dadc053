using System.Net;
using System.Net.Http.Headers;
using System.Text;
using PersonalBudgets.Web.Infrastructure.Database;
using PersonalBudgets.Web.Tests.Infrastructure;

namespace PersonalBudgets.Web.Tests.Features.BadInput;

/// <summary>Forms answer input they cannot use with 400 (or 413) and the field named, never a 500 (issue 9, item 7).</summary>
public sealed class BadInputFormTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task SignIn_WithNulInEmailOrPassword_Is400WithTheFieldNamed(DatabaseProvider provider)
    {
        using var browser = await app.BrowserAsync(provider);

        var email = await browser.TrySignInAsync("north.nurse\0@example.org", "password");
        var password = await browser.TrySignInAsync(DemoAccounts.NorthNurse, "pass\0word");

        email.Status.ShouldBe(HttpStatusCode.BadRequest);
        email.ErrorSummary.ShouldContain("Email must not contain control characters");
        password.Status.ShouldBe(HttpStatusCode.BadRequest);
        password.ErrorSummary.ShouldContain("Password must not contain control characters");
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task CreatePerson_WithNulInAName_Is400WithTheFieldNamedAndSavesNothing(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync("/People/Create");
        var values = TestData.ValidPersonForm("Ro\0bin", "Controlchar");
        values["Input.Town"] = "North\u001bmoor";

        var page = await browser.SubmitAsync(form, values);

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.FieldError("Input_LegalFirstName").ShouldBe("Legal first name must not contain control characters");
        page.FieldError("Input_Town").ShouldBe("Town must not contain control characters");
        page.Html.ShouldNotContain("\0");
        (await app.QueryAsync(provider, db => Task.FromResult(db.People.Any(p => p.PersonIdentifier == values["Input.PersonIdentifier"])))).ShouldBeFalse();
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_MalformedMultipartForm_Is400NotA500(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("--boundary\r\nContent-Disposition: form-data; name=\"Input.LegalFirstName\"\r\n\r\nunterminated"));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=boundary");

        using var response = await browser.Http.PostAsync(new Uri("/People/Create", UriKind.Relative), content, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Post_ChunkedFormOverTheLimit_Is413NotA500(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync("/People/Create");
        var token = form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var body = $"__RequestVerificationToken={Uri.EscapeDataString(token)}&Input.LegalFirstName={new string('a', (int)ServiceSetup.MaxRequestBodyBytes + 1024)}";
        using var content = new StreamContent(new MemoryStream(Encoding.ASCII.GetBytes(body)));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/People/Create", UriKind.Relative)) { Content = content };
        request.Headers.TransferEncodingChunked = true;

        using var response = await browser.Http.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
    }

    [Theory]
    [ClassData(typeof(BothDatabases))]
    public async Task Search_WithNulInTheText_Is400WithTheFieldNamed(DatabaseProvider provider)
    {
        using var browser = await app.SignedInAsync(provider, DemoAccounts.NorthNurse);
        var form = await browser.GetAsync("/People");

        var page = await browser.SubmitAsync(form, ("Query", "Rob\0in"));

        page.Status.ShouldBe(HttpStatusCode.BadRequest);
        page.ErrorSummary.ShouldBe(["Query must not contain control characters"]);
    }
}
