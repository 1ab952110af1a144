"""The detail pane: a challenge's brief and the contributions already in it, with lineage."""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import QTextBrowser, QWidget

from ..api.models import Challenge, Contribution


class ChallengeDetail(QTextBrowser):
    """Read-only rich text; shows a placeholder until a challenge is chosen."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("Challenge details"))
        self.setOpenExternalLinks(False)
        self.show_nothing()

    def show_nothing(self) -> None:
        self.setHtml(
            f"<p style='color:#777'>{escape(self.tr('Choose a challenge to read its brief.'))}</p>"
        )

    def show_challenge(
        self,
        challenge: Challenge,
        contributions: list[Contribution] | None = None,
        problem: str | None = None,
    ) -> None:
        """The brief, then the contributions: "loading" while None, or why they are missing."""
        tr = self.tr
        author = challenge.author.display_name or challenge.author.username
        deadline = (
            challenge.deadline.strftime("%d %b %Y") if challenge.deadline else tr("no deadline")
        )
        roles = ", ".join(r.replace("_", " ") for r in challenge.roles)
        status = tr("open") if challenge.status == "open" else tr("closed")
        parts = [
            f"<h2>{escape(challenge.title)}</h2>",
            f"<p><b>{escape(tr('Wanted'))}:</b> {escape(roles)} &nbsp;·&nbsp; "
            f"<b>{escape(tr('Deadline'))}:</b> {escape(deadline)} &nbsp;·&nbsp; "
            f"{escape(status)}</p>",
            f"<p style='color:#555'>{escape(tr('Posted by'))} {escape(author)}</p>",
            f"<p>{escape(challenge.brief).replace(chr(10), '<br>')}</p>",
        ]
        if problem is not None:
            text = tr("The contributions could not be loaded: {0}").format(problem)
            parts.append(f"<p style='color:#a33'>{escape(text)}</p>")
        elif contributions is None:
            parts.append(f"<p style='color:#777'>{escape(tr('Loading contributions…'))}</p>")
        elif not contributions:
            parts.append(f"<p style='color:#777'>{escape(tr('No contributions yet.'))}</p>")
        else:
            titles = {c.id: c.title for c in contributions}
            parts.append(f"<h3>{escape(tr('Contributions'))} ({len(contributions)})</h3><ul>")
            for c in contributions:
                who = c.author.display_name or c.author.username
                line = f"<b>{escape(c.title)}</b> — {escape(c.role)}, {escape(who)}"
                if c.built_on:
                    names = ", ".join(
                        escape(titles.get(ref.contribution_id, f"#{ref.contribution_id}"))
                        for ref in c.built_on
                    )
                    line += f"<br><span style='color:#555'>{escape(tr('built on'))}: {names}</span>"
                parts.append(f"<li>{line}</li>")
            parts.append("</ul>")
        self.setHtml("".join(parts))
