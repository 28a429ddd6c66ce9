from .matrix import PUBLIC, Route, World

ROUTES = [
    Route("help/", PUBLIC),
    Route("help/now/", PUBLIC),
    Route("help/faq/", PUBLIC),
    Route("help/statistics/", PUBLIC),
    Route("GET /api/v1/help/lines", PUBLIC),
    Route("GET /api/v1/help/countries", PUBLIC),
    Route("GET /api/v1/help/directory", PUBLIC),
    Route("GET /api/v1/help/faq", PUBLIC),
    Route("GET /api/v1/help/statistics", PUBLIC),
]


def build(world: World) -> None:
    return None
