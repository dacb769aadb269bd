using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Switchboard.Core.Commands;

namespace Switchboard.Web.Pages.Shared;

/// <summary>How an edit page answers its Delete button, the same for every kind of thing it edits.</summary>
public static class DeleteAnswers
{
    /// <summary>
    /// Deleted: back to the list (<paramref name="listPath"/>) with the message; refused (still in use):
    /// back to the edit page (<c>listPath/edit/id</c>) with the reason.
    /// </summary>
    public static IActionResult AfterDelete(this PageModel page, DeleteResult result, string listPath, int id)
    {
        switch (result.Outcome)
        {
            case DeleteOutcome.NotFound: return new NotFoundResult();
            case DeleteOutcome.NotOwned: return new ForbidResult();
            case DeleteOutcome.Deleted:
                page.TempData["Flash"] = result.Message;
                return new RedirectResult(listPath);
            default:
                page.TempData["FlashError"] = result.Message;
                return new RedirectResult($"{listPath}/edit/{id}");
        }
    }
}
