from .matrix import OWN, PUBLIC, Route, World

ROUTES = [
    Route("help/", PUBLIC),
    Route("help/now/", PUBLIC),
    Route("help/faq/", PUBLIC),
    Route("help/statistics/", PUBLIC),
    Route("help/report/", OWN),
    Route("help/report/preview/", OWN),
    Route("help/report/summary.pdf", OWN),
    Route("GET /api/v1/help/lines", PUBLIC),
    Route("GET /api/v1/help/countries", PUBLIC),
    Route("GET /api/v1/help/directory", PUBLIC),
    Route("GET /api/v1/help/faq", PUBLIC),
    Route("GET /api/v1/help/statistics", PUBLIC),
]


def build(world: World) -> None:
    return None
