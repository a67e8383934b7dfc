namespace PaymentsPortal.Hosting;

/// <summary>The cookie that remembers which of the user's merchants is open. Only a preference: membership is checked on every use.</summary>
public static class MerchantCookie
{
    public const string Name = "pp.merchant";

    public static Guid? Read(HttpContext context) =>
        Guid.TryParse(context.Request.Cookies[Name], out var id) ? id : null;

    public static void Write(HttpContext context, Guid merchantId) =>
        context.Response.Cookies.Append(Name, merchantId.ToString(), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            IsEssential = true,
            MaxAge = TimeSpan.FromDays(90),
        });
}
