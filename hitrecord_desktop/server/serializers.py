"""ORM rows to API bodies."""

from __future__ import annotations

from .schemas import ChallengeOut, ContributionOut, LineageOut, UserOut
from .tables import Challenge, Contribution, User


def user_out(user: User) -> UserOut:
    return UserOut(
        id=user.id,
        username=user.username,
        display_name=user.display_name,
        created_at=user.created_at,
    )


def challenge_out(challenge: Challenge) -> ChallengeOut:
    return ChallengeOut(
        id=challenge.id,
        title=challenge.title,
        brief=challenge.brief,
        roles=challenge.roles,
        kind=challenge.kind,
        status=challenge.status,
        deadline=challenge.deadline,
        created_at=challenge.created_at,
        author=user_out(challenge.author),
        contribution_count=challenge.contribution_count,
        reference_contribution_id=challenge.reference_contribution_id,
    )


def contribution_out(contribution: Contribution, api_base: str) -> ContributionOut:
    return ContributionOut(
        id=contribution.id,
        challenge_id=contribution.challenge_id,
        title=contribution.title,
        role=contribution.role,
        kind=contribution.kind,
        author=user_out(contribution.author),
        created_at=contribution.created_at,
        sha256=contribution.sha256,
        size=contribution.size,
        media_type=contribution.media_type,
        filename=contribution.filename,
        media_url=f"{api_base}/contributions/{contribution.id}/media",
        built_on=[
            LineageOut(
                contribution_id=edge.built_on_id,
                offset_samples=edge.offset_samples,
                sample_rate=edge.sample_rate,
            )
            for edge in contribution.lineage
        ],
    )
