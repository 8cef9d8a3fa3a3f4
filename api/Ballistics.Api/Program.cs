using Ballistics.Api;

ApiHost.Build(args).Run();

/// <summary>Entry point; public so the test host (WebApplicationFactory) can find it.</summary>
public partial class Program;
