"""The seed's 绩效自评表 (整体支出 and 项目支出), filled in later."""


def tables(unit):
    return []
