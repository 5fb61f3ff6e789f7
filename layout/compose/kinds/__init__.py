"""One module per article kind; each builds the story (list of flowables) of an article."""

from layout.compose.kinds import contents, cover, feature, interview, letter, news, voxpop

STORIES = {
    "letter": letter.story,
    "news": news.story,
    "feature": feature.story,
    "column": feature.story,
    "interview": interview.story,
    "profile": interview.story,
    "voxpop": voxpop.story,
    "contents": contents.story,
    "cover": cover.story,
}
