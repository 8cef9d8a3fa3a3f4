using Ballistics.Api.Access;
using Ballistics.Api.Evidence;

namespace Ballistics.Api;

/// <summary>
/// What an endpoint reads a request through, bound once per request (<c>[AsParameters]</c>): the request, the caller
/// its key names, the store, the corpus and the sharing rules. One bundle instead of the same four services in every
/// handler's signature.
/// </summary>
internal readonly record struct ApiRequest(HttpContext Context, Caller Caller, StoreAccess Store, ApiCorpus Corpus, SharingRules Sharing);
